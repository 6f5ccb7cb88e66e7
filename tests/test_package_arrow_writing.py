"""The Parquet writer converts columns by Arrow (no Python object per cell, no sorted copy of the frame, no second
conversion to pandas for the 'pandas' metadata): the file must be the one the cell-by-cell conversion writes."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from scripts.package.tables import key_order, read_csv
from scripts.package.tableschema import all_schemas
from scripts.package.write import arrow_table, write_parquet
from scripts.paths import ROOT
from tests import parquet_reference as reference

SCHEMAS = all_schemas(ROOT / "schemas")


def _published(name: str) -> pd.DataFrame:
    frame, problems = read_csv(ROOT / "data" / f"{name}.csv", SCHEMAS[name])
    assert not problems
    return frame


def _has_nan(table) -> bool:
    return any(pa.types.is_floating(c.type) and pc.any(pc.is_nan(c)).as_py() for c in table.columns)


def _same_file(tmp_path, frame: pd.DataFrame, name: str) -> None:
    schema = SCHEMAS[name]
    new, old = arrow_table(frame, schema), reference.arrow_table(frame, schema)
    assert new.schema.equals(old.schema) and new.num_rows == old.num_rows
    assert new.equals(old) or _has_nan(old)  # NaN never equals NaN; the files' bytes are compared below
    assert new.schema.metadata == old.schema.metadata  # the 'pandas' metadata byte for byte
    write_parquet(frame, schema, tmp_path / "new.parquet")
    reference.write_parquet(frame, schema, tmp_path / "old.parquet")
    assert (tmp_path / "new.parquet").read_bytes() == (tmp_path / "old.parquet").read_bytes()


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_arrow_writer_gives_the_cell_by_cell_parquet_file_for_every_published_table(tmp_path, name):
    _same_file(tmp_path, _published(name), name)


@pytest.mark.parametrize("name", ["figure_comparisons", "sources", "quotes", "statements"])
def test_arrow_writer_sorts_rows_by_key_like_the_cell_by_cell_writer(tmp_path, name):
    frame = _published(name)
    shuffled = frame.sample(frac=1, random_state=7)  # index left shuffled too
    assert len(frame) < 2 or key_order(shuffled, SCHEMAS[name]) is not None
    _same_file(tmp_path, shuffled, name)
    assert key_order(frame, SCHEMAS[name]) is None  # the published CSV is in key order already


def test_pandas_metadata_of_a_date_column_without_any_value_is_empty_as_before(tmp_path):
    frame = _published("sources")
    date = next(f["name"] for f in SCHEMAS["sources"].fields if f["type"] == "date")
    frame[date] = pd.array([pd.NA] * len(frame), dtype="string")
    _same_file(tmp_path, frame, "sources")
    columns = json.loads(arrow_table(frame, SCHEMAS["sources"]).schema.metadata[b"pandas"])["columns"]
    assert next(c for c in columns if c["name"] == date)["pandas_type"] == "empty"
    only_last = _published("sources")
    only_last[date] = pd.array([pd.NA] * (len(frame) - 1) + ["2023-03-14"], dtype="string")
    _same_file(tmp_path, only_last, "sources")
    columns = json.loads(arrow_table(only_last, SCHEMAS["sources"]).schema.metadata[b"pandas"])["columns"]
    assert next(c for c in columns if c["name"] == date)["pandas_type"] == "date"


def test_arrow_writer_on_an_empty_table_and_on_object_and_numpy_columns(tmp_path):
    _same_file(tmp_path, SCHEMAS["figure_comparisons"].empty_frame(), "figure_comparisons")
    frame = _published("figures")
    number = next(f["name"] for f in SCHEMAS["figures"].fields if f["type"] == "number")
    text = next(f["name"] for f in SCHEMAS["figures"].fields if f["type"] == "string"
                and not SCHEMAS["figures"].enum(f["name"]) and not f.get("constraints", {}).get("required"))
    frame[number] = frame[number].astype("float64")  # a plain NumPy column: NaN stays NaN, as before
    frame.loc[frame.index[0], number] = np.nan
    frame[text] = frame[text].astype(object)  # Python objects with pd.NA among them
    frame.loc[frame.index[-1], text] = pd.NA
    _same_file(tmp_path, frame, "figures")
    assert np.isnan(pq.read_table(tmp_path / "new.parquet").column(number).to_pylist()).any()


def test_arrow_writer_refuses_a_value_outside_the_schemas_vocabulary():
    frame = _published("figures")
    enum_field = next(f["name"] for f in SCHEMAS["figures"].fields if SCHEMAS["figures"].enum(f["name"]))
    frame[enum_field] = frame[enum_field].astype(object)
    frame.loc[frame.index[0], enum_field] = "not-a-member"
    with pytest.raises(ValueError, match="not-a-member"):
        arrow_table(frame, SCHEMAS["figures"])
