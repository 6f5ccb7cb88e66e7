"""Step: write the tables as CSV and Parquet, datapackage.json and SHA256SUMS into a package directory."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from scripts.inputs.articles import sha256_of
from scripts.memory import release_memory
from scripts.package.tables import write_csv, write_parquet
from scripts.package.tableschema import TableSchema

PARQUET_MEDIATYPE = "application/vnd.apache.parquet"


def write_tables(frames: dict[str, pd.DataFrame], schemas: dict[str, TableSchema], data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        write_csv(frame, schemas[name], data_dir / f"{name}.csv")  # streamed: the table's text is not held whole
        write_parquet(frame, schemas[name], data_dir / f"{name}.parquet")
        release_memory(collect=False)  # writing a table makes a Python object per cell


def descriptor(metadata: dict, schemas: dict[str, TableSchema], sources: pd.DataFrame, package_dir: Path,
               licences: dict[str, str] | None = None, urls: dict[str, str] | None = None) -> dict:
    """datapackage.json: the hand-written metadata plus a resource for every published file.

    licences and urls (by source_id, from a corpus's metadata CSV) give an article its own licence title and
    the address it was published at; otherwise every article gets the package's x-article-licence."""
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
        resource = {"name": f"article-{row.source_id}", "path": row.text_path,  # no "type": the v2 profile allows only "table"
                    "scheme": "file", "format": "txt", "mediatype": "text/plain", "encoding": "utf-8",
                    "title": title, "hash": f"sha256:{sha256_of(article)}", "bytes": article.stat().st_size,
                    "licenses": [licence]}
        if (urls or {}).get(row.source_id):
            resource["sources"] = [{"title": "where the text was published", "path": urls[row.source_id]}]
        resources.append(resource)
        package_sources.append({"title": title, "path": row.text_path})
    package = {k: v for k, v in metadata.items()}
    package["sources"] = package_sources
    package["resources"] = resources
    return package


def write_descriptor(package: dict, package_dir: Path) -> None:
    text = json.dumps(package, indent=2, ensure_ascii=False) + "\n"
    (package_dir / "datapackage.json").write_text(text, encoding="utf-8")


def write_checksums(package_dir: Path) -> None:
    """data/SHA256SUMS in `sha256sum -c` form, covering every published data file, Parquet included."""
    data_dir = package_dir / "data"
    lines = [f"{sha256_of(p)}  {p.name}\n" for p in sorted(data_dir.iterdir()) if p.name != "SHA256SUMS"]
    (data_dir / "SHA256SUMS").write_text("".join(lines), encoding="utf-8")
