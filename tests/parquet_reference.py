"""The cell-by-cell Parquet writer the build used before scripts.package.write converted columns by Arrow, kept
only as the reference its test compares the published files' bytes with."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from scripts.package.tables import _NULLABLE_PANDAS_TYPES
from scripts.package.write import PARQUET_OPTIONS
from scripts.package.tableschema import TableSchema


def _with_pandas_metadata(table: pa.Table) -> pa.Table:
    """Add the 'pandas' schema metadata that makes readers restore nullable dtypes.

    Without it, pyarrow's to_pandas (which frictionless and pd.read_parquet use) turns an integer column with
    gaps into float64 NaN, which frictionless then rejects as not an integer.
    """
    typed = table.to_pandas(types_mapper=_NULLABLE_PANDAS_TYPES.get)
    pandas_meta = pa.Table.from_pandas(typed, preserve_index=False).schema.metadata[b"pandas"]
    return table.replace_schema_metadata({**table.schema.metadata, b"pandas": pandas_meta})


def arrow_table(frame: pd.DataFrame, schema: TableSchema) -> pa.Table:
    """The frame as an Arrow table of the schema's Arrow types; closed vocabularies as dictionaries in enum order."""
    key = schema.primary_key or schema.field_names  # a sorted copy, as the build made before key_order
    frame = frame.sort_values(key, kind="mergesort", na_position="first").reset_index(drop=True)
    arrow_schema = schema.arrow_schema()
    arrays = []
    for f, arrow_field in zip(schema.fields, arrow_schema):
        values = [None if v is pd.NA else v for v in frame[f["name"]].astype(object).tolist()]
        enum = schema.enum(f["name"])
        if enum:
            indices = pa.array([None if v is None else enum.index(v) for v in values], type=pa.int32())
            arrays.append(pa.DictionaryArray.from_arrays(indices, pa.array(enum, type=pa.string())))
        elif f["type"] == "date":
            arrays.append(pa.array([None if v is None else dt.date.fromisoformat(v) for v in values], type=pa.date32()))
        else:
            arrays.append(pa.array(values, type=arrow_field.type))
    return _with_pandas_metadata(pa.Table.from_arrays(arrays, schema=arrow_schema))


def write_parquet(frame: pd.DataFrame, schema: TableSchema, path: Path) -> None:
    pq.write_table(arrow_table(frame, schema), path, **PARQUET_OPTIONS)
