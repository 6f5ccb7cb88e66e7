"""Everything the build knows about a table's columns, derived from its Table Schema in schemas/.

The schema files are the single source of truth; this module turns them into pandas dtypes, an Arrow
schema for Parquet, the span groups whose offsets the build resolves, and the README codebook.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd
import pyarrow as pa

from scripts.errors import InputError
from scripts.paths import SCHEMAS_DIR

# Curated tables first, in the order their foreign keys need them; then extracted ones; then those derived
# from other tables (x-provenance "derived"), each after the tables it reads.
TABLE_ORDER = ["sources", "organisations", "organisation_aliases", "people", "person_aliases", "measures",
               "events", "event_participants", "event_evidence", "event_disagreements", "corrections",
               "record_sources", "strike_rounds", "ballots", "offers", "impact", "record_disagreements",
               "event_record_links", "figure_record_links",
               "quotes", "figures", "mentions",
               "statements", "statement_reports", "shared_passages", "source_pairs", "measure_verdicts", "figure_comparisons",
               "record_comparisons", "candidate_people", "candidate_organisations"]

PANDAS_DTYPES = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean",
                 "date": "string"}  # dates stay ISO strings in the frame; validation checks they are real dates
ARROW_TYPES = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_(),
               "date": pa.date32()}


@dataclass(frozen=True)
class SpanGroup:
    """Three columns that locate verbatim text in an article: text == article[start:end]."""
    text: str
    start: str
    end: str
    source_column: str | None  # the column naming the article; None means the row's own article (sources)


@dataclass(frozen=True)
class TableSchema:
    name: str
    path: Path
    descriptor: dict

    @property
    def title(self) -> str:
        return self.descriptor["title"]

    @property
    def description(self) -> str:
        return self.descriptor["description"]

    @property
    def provenance(self) -> str:
        return self.descriptor["x-provenance"]

    @property
    def fields(self) -> list[dict]:
        return self.descriptor["fields"]

    @property
    def field_names(self) -> list[str]:
        return [f["name"] for f in self.fields]

    @property
    def curated_field_names(self) -> list[str]:
        """The columns a person writes in curated/<table>.csv: all but those the build derives."""
        return [f["name"] for f in self.fields if not f.get("x-derived")]

    @property
    def primary_key(self) -> list[str]:
        return list(self.descriptor.get("primaryKey", []))

    @property
    def foreign_keys(self) -> list[dict]:
        return list(self.descriptor.get("foreignKeys", []))

    def field(self, name: str) -> dict:
        return next(f for f in self.fields if f["name"] == name)

    def constraint(self, name: str, key: str, default=None):
        return self.field(name).get("constraints", {}).get(key, default)

    def enum(self, name: str) -> list[str] | None:
        return self.constraint(name, "enum")

    @cached_property
    def span_groups(self) -> list[SpanGroup]:
        names = set(self.field_names)
        groups = []
        for name in self.field_names:
            if name == "start" or name.endswith("_start"):
                prefix = name[: -len("start")]
                text, end = prefix + "text", prefix + "end"
                if text in names and end in names:
                    source = ("evidence_source_id" if "evidence_source_id" in names
                              else "source_id" if "source_id" in names and self.name != "sources" else None)
                    groups.append(SpanGroup(text, name, end, source))
        return groups

    @property
    def ordering_pairs(self) -> list[tuple[str, str]]:
        """(low, high) column pairs where high must not be less than low (x-not-less-than)."""
        return [(f["x-not-less-than"], f["name"]) for f in self.fields if "x-not-less-than" in f]

    def pandas_dtypes(self) -> dict[str, str]:
        return {f["name"]: PANDAS_DTYPES[f["type"]] for f in self.fields}

    def arrow_schema(self) -> pa.Schema:
        """Arrow types for Parquet: date32, int64, float64, bool, string; dictionary for closed vocabularies."""
        arrow_fields = []
        for f in self.fields:
            arrow_type = ARROW_TYPES[f["type"]]
            if self.enum(f["name"]):
                arrow_type = pa.dictionary(pa.int32(), pa.string())
            required = bool(f.get("constraints", {}).get("required"))
            arrow_fields.append(pa.field(f["name"], arrow_type, nullable=not required,
                                         metadata={"description": f["description"]}))
        return pa.schema(arrow_fields, metadata={"title": self.title, "description": self.description,
                                                 "schema": f"schemas/{self.path.name}"})

    def empty_frame(self) -> pd.DataFrame:
        return pd.DataFrame({n: pd.Series([], dtype=d) for n, d in self.pandas_dtypes().items()})


def read_json(path: Path):
    """The JSON in a file, or InputError naming the line and column (or byte) that is wrong and how to fix it."""
    try:
        return json.loads(Path(path).read_bytes().decode("utf-8"))
    except json.JSONDecodeError as err:
        raise InputError(path, f"line {err.lineno} column {err.colno}", f"not valid JSON ({err.msg})",
                         "Fix the JSON (a missing comma or quote?); `python -m json.tool FILE` shows where.") from None
    except UnicodeDecodeError as err:
        raise InputError(path, f"byte {err.start}", "not valid UTF-8", "Save the file as UTF-8.") from None


def load_schema(name: str, schemas_dir: Path = SCHEMAS_DIR) -> TableSchema:
    path = Path(schemas_dir) / f"{name}.schema.json"
    descriptor = read_json(path)
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("fields"), list):
        raise InputError(path, "whole file", "not a Table Schema (an object with a list of fields)",
                         "Restore it from git, or write its fields.")
    return TableSchema(name, path, descriptor)


def all_schemas(schemas_dir: Path = SCHEMAS_DIR) -> dict[str, TableSchema]:
    found = sorted(p.name.split(".")[0] for p in Path(schemas_dir).glob("*.schema.json"))
    unknown = set(found) - set(TABLE_ORDER)
    if unknown:
        raise ValueError(f"{schemas_dir}: schemas {sorted(unknown)} are not in TABLE_ORDER in scripts/package/tableschema.py")
    return {name: load_schema(name, schemas_dir) for name in TABLE_ORDER if name in found}
