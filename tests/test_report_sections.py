"""Benchmark results go into a marked section of BENCHMARK.md: a run replaces the earlier run with its label only."""
from scripts.evaluation.report_sections import replace_labelled_run, replace_section

MARKERS = ("<!-- s:start -->", "<!-- s:end -->")


def test_a_run_replaces_its_own_label_and_keeps_the_other_runs_and_the_rest_of_the_file(tmp_path):
    path = tmp_path / "BENCHMARK.md"
    path.write_text("# Title\n\nkept text\n", encoding="utf-8")
    for label, body in (("a", "first"), ("b", "second"), ("a", "third")):
        replace_labelled_run(path, MARKERS, "## Section\n\n", label, f"### {label}\n{body}\n")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Title\n\nkept text\n")
    assert text.count(MARKERS[0]) == 1 and text.count("### a\n") == 1
    assert "first" not in text and text.index("### b") < text.index("### a") < text.index(MARKERS[1])
    assert "second" in text and "third" in text


def test_growth_per_10x_scales_the_ratio_to_ten_times_the_articles_and_blanks_noise():
    from scripts.evaluation.report_sections import growth_per_10x
    assert growth_per_10x({1000: 1.0, 100000: 100.0}, 100000, 0.05) == "10.0x"  # linear over 100x
    assert growth_per_10x({1000: 1.0, 10000: 40.0}, 10000, 0.05) == "40.0x"
    assert growth_per_10x({1000: 0.01, 10000: 1.0}, 10000, 0.05) == ""  # below the floor
    assert growth_per_10x({10000: 1.0}, 10000, 0.05) == ""


def test_replace_section_swaps_the_marked_part_and_appends_it_when_missing(tmp_path):
    markers = ("<!-- x:start -->", "<!-- x:end -->")
    page = tmp_path / "B.md"
    page.write_text("top\n<!-- x:start -->\nold\n<!-- x:end -->\nbottom\n", encoding="utf-8")
    replace_section(page, markers, "<!-- x:start -->\nnew\n<!-- x:end -->\n")
    assert page.read_text(encoding="utf-8") == "top\n<!-- x:start -->\nnew\n<!-- x:end -->\nbottom\n"
    other = tmp_path / "C.md"
    other.write_text("top", encoding="utf-8")
    replace_section(other, markers, "<!-- x:start -->\nnew\n<!-- x:end -->\n")
    assert other.read_text(encoding="utf-8") == "top\n<!-- x:start -->\nnew\n<!-- x:end -->\n"
