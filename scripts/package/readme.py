"""Regenerate the README's generated sections: row counts and sample rows (from data/), extractor scores
(from scripts.evaluation.evaluate) and the codebook (from schemas/).

Usage: python -m scripts.package.readme [--check]
Each section sits between <!-- NAME:start --> and <!-- NAME:end --> markers; text outside them is hand-written.
With --check, exit 1 if the README differs from what would be generated (the tests run this).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd

from scripts.paths import ROOT
from scripts.package.tableschema import all_schemas
from scripts.package.tables import read_csv

SAMPLE_TABLES = {"events": ["event_id", "event_type", "start_date", "end_date", "date_precision", "status"],
                 "quotes": ["source_id", "start", "end", "text", "speaker_person_id", "speaker_organisation_id", "cue"],
                 "figures": ["source_id", "text", "value", "value_high", "unit", "hedge", "measure_id", "claimant_organisation_id"],
                 "mentions": ["source_id", "start", "end", "text", "entity_kind", "person_id", "organisation_id"]}


def _cell(value) -> str:
    text = "" if value is None or value is pd.NA or (isinstance(value, float) and value != value) else str(value)
    text = text.replace("\n", " ").replace("|", "\\|")
    return text if len(text) <= 70 else text[:67] + "..."


def _foreign_key(fk: dict, table: str) -> str:
    """`(a, b)` → `other.(c, d)`: every column of the key, so that a join on the first alone is not suggested."""
    def columns(fields: list[str]) -> str:
        return fields[0] if len(fields) == 1 else "(" + ", ".join(fields) + ")"
    return f"`{columns(fk['fields'])}` → `{fk['reference']['resource'] or table}.{columns(fk['reference']['fields'])}`"


def codebook(root: Path) -> str:
    out = []
    for name, schema in all_schemas(root / "schemas").items():
        out.append(f"### `{name}` ({schema.provenance})\n")
        out.append(f"{schema.description}\n")
        keys = f"Primary key: `{', '.join(schema.primary_key)}`." if schema.primary_key else ""
        fks = "; ".join(_foreign_key(fk, name) for fk in schema.foreign_keys)
        out.append(f"Files: `data/{name}.csv`, `data/{name}.parquet`. {keys}" + (f" Foreign keys: {fks}." if fks else "") + "\n")
        out.append("| column | type | required | description |")
        out.append("|---|---|---|---|")
        for f in schema.fields:
            c = f.get("constraints", {})
            desc = f["description"]
            if c.get("enum"):
                desc += " One of: " + ", ".join(f"`{v}`" for v in c["enum"]) + "."
            if c.get("pattern"):
                desc += f" Pattern: `{c['pattern']}`."
            if f.get("x-derived"):
                desc += " *(computed by the build)*"
            out.append(f"| `{f['name']}` | {f['type']} | {'yes' if c.get('required') else ''} | {desc.replace('|', chr(92) + '|')} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def counts_and_samples(root: Path) -> str:
    schemas = all_schemas(root / "schemas")
    frames = {name: read_csv(root / "data" / f"{name}.csv", schema)[0] for name, schema in schemas.items()}
    out = ["| table | kind | rows |", "|---|---|---|"]
    out += [f"| `{name}` | {schemas[name].provenance} | {len(frame)} |" for name, frame in frames.items()]
    for name, columns in SAMPLE_TABLES.items():
        frame = frames[name][columns].head(3)
        out += ["", f"First rows of `{name}` (some columns):", "",
                "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        out += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in frame.astype(object).itertuples(index=False)]
    return "\n".join(out) + "\n"


def evaluation(root: Path) -> str:
    from scripts.evaluation.evaluate import all_results, markdown
    return markdown(all_results(root / "curated", real_text=False))  # the cached real text is not in every checkout


def charts(root: Path) -> str:
    paths = sorted((root / "docs" / "charts").glob("*.png"), key=lambda p: (p.name != "timeline.png", p.name))
    return "\n".join(f"![{p.stem}](docs/charts/{p.name})\n" for p in paths)


def verbatim(root: Path) -> str:
    """The columns that copy publisher text (marked "x-verbatim" in schemas/, or span text), for the licence section."""
    from junior_doctors_strikes import verbatim_fields

    lines = []
    for name, schema in all_schemas(root / "schemas").items():
        columns = [f"`{c}`" for c in verbatim_fields(schema.descriptor)]
        if columns:
            lines.append(f"- `{name}`: {', '.join(columns)}")
    return "\n".join(lines) + "\n"


def generated_sections(root: Path) -> dict[str, str]:
    return {"tables": counts_and_samples(root), "evaluation": evaluation(root), "charts": charts(root),
            "codebook": codebook(root), "verbatim": verbatim(root)}


def render(readme: str, sections: dict[str, str]) -> str:
    for name, body in sections.items():
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
        if not pattern.search(readme):
            raise ValueError(f"README.md has no <!-- {name}:start --> ... <!-- {name}:end --> section")
        readme = pattern.sub(lambda m: m.group(1) + body + m.group(2), readme)
    return readme


def main(argv: list[str], root: Path = ROOT) -> int:
    path = root / "README.md"
    current = path.read_text(encoding="utf-8")
    wanted = render(current, generated_sections(root))
    if "--check" in argv:
        if wanted != current:
            print("README.md is out of date: run `make build` (or python -m scripts.package.readme)", file=sys.stderr)
            return 1
        return 0
    path.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
