"""Step: write the tables as CSV and Parquet, datapackage.json and SHA256SUMS into a package directory."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from scripts.inputs.articles import sha256_of
from scripts.memory import release_memory
from scripts.package.tables import _NULLABLE_PANDAS_TYPES, key_order, write_csv
from scripts.package.tableschema import TableSchema

PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
# How every Parquet file of the package is written (its bytes depend on them).
PARQUET_OPTIONS = dict(compression="zstd", compression_level=9, row_group_size=1_000_000, write_statistics=True,
                       use_dictionary=True, data_page_version="2.0")


def write_tables(frames: dict[str, pd.DataFrame], schemas: dict[str, TableSchema], data_dir: Path) -> None:
    """Each table as CSV and Parquet into data_dir, in frames' order; each frame is taken out of frames once
    written (frames is empty afterwards), so that the later tables are not written on top of the earlier ones."""
    data_dir.mkdir(parents=True, exist_ok=True)
    for name in list(frames):
        frame = frames.pop(name)
        write_csv(frame, schemas[name], data_dir / f"{name}.csv")  # streamed: the table's text is not held whole
        write_parquet(frame, schemas[name], data_dir / f"{name}.parquet")
        del frame
        release_memory(collect=False)


def _arrow_column(values: pd.Series, schema: TableSchema, field: dict, arrow_type: pa.DataType,
                  order: np.ndarray | None) -> pa.Array:
    """One column as the schema's Arrow type in key order, converted by Arrow from the frame's array (no Python
    object per cell): the values a conversion cell by cell gives (tests/test_package_arrow_writing.py)."""
    if values.dtype == object:  # Python objects already (pd.NA among them, which Arrow does not read): one by one
        array = pa.array([None if v is pd.NA else v for v in values.tolist()],
                         type=None if field["type"] == "date" or schema.enum(field["name"]) else arrow_type)
    else:
        array = pa.array(values, from_pandas=False)  # NaN stays NaN, as in the cell-by-cell conversion
    if order is not None:
        array = array.take(order)
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    enum = schema.enum(field["name"])
    if enum:
        dictionary = pa.array(enum, type=pa.string())
        array = array.cast(pa.string())
        indices = pc.index_in(array, value_set=dictionary)
        if indices.null_count != array.null_count:  # a value outside the vocabulary
            unknown = pc.filter(array, pc.and_(pc.is_null(indices), pc.is_valid(array)))[0].as_py()
            raise ValueError(f"{schema.name}.{field['name']}: {unknown!r} is not in the schema's enum {enum}")
        return pa.DictionaryArray.from_arrays(indices.cast(pa.int32()), dictionary)
    if field["type"] == "date":
        try:
            return array.cast(pa.string()).cast(pa.date32())
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):  # not YYYY-MM-DD: as fromisoformat reads (or rejects) it
            return pa.array([None if v is None else dt.date.fromisoformat(v) for v in array.to_pylist()],
                            type=pa.date32())
    return array if array.type == arrow_type else array.cast(arrow_type)


def pandas_metadata(table: pa.Table) -> bytes:
    """The 'pandas' schema metadata that to_pandas then from_pandas of the whole table would give (it makes
    readers restore nullable dtypes), from a few rows. It depends on the rows only through the date columns: a
    date column with a value reads back as Python dates ('date'), one without any as nulls ('empty'); so the
    sample holds the first row with a value of each date column (or row 0)."""
    rows = {0} if table.num_rows else set()
    for name, column in zip(table.column_names, table.columns):
        if pa.types.is_date32(column.type) and column.null_count < len(column):
            rows.add(int(pc.index(pc.is_valid(column), True).as_py()))
    sample = table.take(pa.array(sorted(rows), type=pa.int64()))
    typed = sample.to_pandas(types_mapper=_NULLABLE_PANDAS_TYPES.get)
    return pa.Table.from_pandas(typed, preserve_index=False).schema.metadata[b"pandas"]


def arrow_table(frame: pd.DataFrame, schema: TableSchema) -> pa.Table:
    """The frame in primary-key order as an Arrow table of the schema's Arrow types, closed vocabularies as
    dictionaries in enum order, with the 'pandas' metadata; the table the earlier cell-by-cell conversion made
    (tests/parquet_reference.py), without a Python object per cell, a sorted copy of the frame or a second
    conversion to pandas."""
    arrow_schema = schema.arrow_schema()
    order = key_order(frame, schema)
    table = pa.Table.from_arrays([_arrow_column(frame[f["name"]], schema, f, arrow_field.type, order)
                                  for f, arrow_field in zip(schema.fields, arrow_schema)], schema=arrow_schema)
    return table.replace_schema_metadata({**table.schema.metadata, b"pandas": pandas_metadata(table)})


def write_parquet(frame: pd.DataFrame, schema: TableSchema, path: Path) -> None:
    pq.write_table(arrow_table(frame, schema), path, **PARQUET_OPTIONS)


def descriptor(metadata: dict, schemas: dict[str, TableSchema], sources: pd.DataFrame, package_dir: Path,
               licences: dict[str, str] | None = None, urls: dict[str, str] | None = None) -> dict:
    """datapackage.json: the hand-written metadata plus a resource for every published file.

    licences and urls (by source_id, from a corpus's metadata CSV) give an article its own licence title and
    the address it was published at; otherwise every article gets the package's x-article-licence. An article's
    hash and bytes are the sources table's, measured on the file the build read (its copy in package_dir is checked
    against them when the package is validated), so that a corpus's articles are not read again here."""
    resources = []
    for name, schema in schemas.items():
        csv_path = package_dir / "data" / f"{name}.csv"
        common = {"title": schema.title, "description": schema.description,
                  "schema": f"schemas/{schema.path.name}", "x-provenance": schema.provenance}
        resources.append({"name": name, "type": "table", "path": f"data/{name}.csv", "scheme": "file",
                          "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                          "dialect": {"header": True, "delimiter": ",", "lineTerminator": "\n"},
                          **common, "hash": f"sha256:{sha256_of(csv_path)}", "bytes": csv_path.stat().st_size})
        # no bytes/hash on Parquet: frictionless cannot check them (see SHA256SUMS and scripts/package/validate.py)
        resources.append({"name": f"{name}-parquet", "type": "table", "path": f"data/{name}.parquet",
                          "scheme": "file", "format": "parquet", "mediatype": PARQUET_MEDIATYPE, **common})
    package_sources = []
    for row in sources.sort_values("source_id").itertuples(index=False):
        article = package_dir / row.text_path
        published = "publication date unknown" if pd.isna(row.published_date) else f"published {row.published_date}"
        title = f"{row.source_id}: news article, {'outlet unknown' if pd.isna(row.outlet_id) else row.outlet_id}, {published}"
        given = (licences or {}).get(row.source_id)  # a licence id (CC-BY-4.0) is its own name; words are a title
        licence = ({"name": given if re.fullmatch(r"[A-Za-z0-9.+-]+", given) else "custom", "title": given} if given
                   else {"name": "publisher-copyright", "title": metadata["x-article-licence"]})
        known = not (pd.isna(row.sha256) or pd.isna(row.length_bytes))
        resource = {"name": f"article-{row.source_id}", "path": row.text_path,  # no "type": the v2 profile allows only "table"
                    "scheme": "file", "format": "txt", "mediatype": "text/plain", "encoding": "utf-8", "title": title,
                    "hash": f"sha256:{row.sha256 if known else sha256_of(article)}",
                    "bytes": int(row.length_bytes) if known else article.stat().st_size, "licenses": [licence]}
        if (urls or {}).get(row.source_id):
            resource["sources"] = [{"title": "where the text was published", "path": urls[row.source_id]}]
        resources.append(resource)
        package_sources.append({"title": title, "path": row.text_path})
    package = {k: v for k, v in metadata.items()}
    package["sources"] = package_sources
    package["resources"] = resources
    return package


def write_descriptor(package: dict, package_dir: Path) -> None:
    """json.dumps(package, indent=2, ensure_ascii=False) and a line end, written as it is encoded (a corpus's
    descriptor, a resource per article, is never held whole as text)."""
    with open(package_dir / "datapackage.json", "w", encoding="utf-8") as handle:
        for chunk in json.JSONEncoder(indent=2, ensure_ascii=False).iterencode(package):
            handle.write(chunk)
        handle.write("\n")


def write_checksums(package_dir: Path) -> None:
    """data/SHA256SUMS in `sha256sum -c` form, covering every published data file, Parquet included."""
    data_dir = package_dir / "data"
    lines = [f"{sha256_of(p)}  {p.name}\n" for p in sorted(data_dir.iterdir()) if p.name != "SHA256SUMS"]
    (data_dir / "SHA256SUMS").write_text("".join(lines), encoding="utf-8")
