"""Reading the JSON weights files of the fitted extractor modules (speaker_ranking, attribution_model).

Each module keeps its own file layout and error class; what they share is here: the file read as JSON, a mapping
that must name exactly the module's features, and numbers that must be finite. Every error names the file (and the
part of it), says what is wrong and ends with the module's fix.
"""
from __future__ import annotations

import json
import math
from pathlib import Path


def read_json(path: Path, error: type[Exception], fix: str) -> object:
    """The file's JSON, or `error` naming the file when it cannot be read or parsed."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as problem:
        raise error(f"{path}: cannot be read as JSON ({problem}); {fix}") from None


def feature_values(weights: object, features: tuple[str, ...], error: type[Exception], where: str,
                   fix: str) -> list:
    """The values of `weights` in the order of `features`, or `error` when it is not a mapping naming exactly
    those features (`where`: the file and the part of it, as the message starts)."""
    if not isinstance(weights, dict) or set(weights) != set(features):
        found = sorted(weights) if isinstance(weights, dict) else weights
        raise error(f"{where}'weights' must give exactly the features {list(features)} (found {found}); {fix}")
    return [weights[name] for name in features]


def all_finite(values: list) -> bool:
    """Every value a finite int or float (not a bool, a string or None)."""
    return all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in values)
