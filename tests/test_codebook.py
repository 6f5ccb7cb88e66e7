"""The README's codebook renders the schemas faithfully: composite keys whole, '|' kept (escaped for Markdown)."""
from scripts.package.readme import codebook
from scripts.package.tableschema import all_schemas
from scripts.paths import ROOT


def test_codebook_shows_every_column_of_a_composite_foreign_key():
    text = codebook(ROOT)
    composite = [(name, fk) for name, schema in all_schemas(ROOT / "schemas").items()
                 for fk in schema.foreign_keys if len(fk["fields"]) > 1]
    assert composite, "no schema has a composite foreign key: this test has nothing to check"
    for name, fk in composite:
        shown = "`(" + ", ".join(fk["fields"]) + ")` → `" + f"{fk['reference']['resource'] or name}.(" \
            + ", ".join(fk["reference"]["fields"]) + ")`"
        assert shown in text, (name, shown)


def test_codebook_keeps_a_pipe_in_descriptions_and_patterns_escaped_for_markdown():
    text = codebook(ROOT)
    with_pipe = [f for schema in all_schemas(ROOT / "schemas").values() for f in schema.fields
                 if "|" in f["description"] or "|" in f.get("constraints", {}).get("pattern", "")]
    assert with_pipe, "no schema field has a '|': this test has nothing to check"
    for field in with_pipe:
        pattern = field.get("constraints", {}).get("pattern")
        if pattern:
            assert f"Pattern: `{pattern.replace('|', chr(92) + '|')}`" in text, field["name"]
        else:
            assert field["description"].replace("|", "\\|") in text, field["name"]
