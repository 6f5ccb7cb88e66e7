"""Where a build's inputs and outputs live (Layout), and where they live in this repository.

A Layout is the one parameter object the build takes: the article texts, where the sources table comes from
(the repository's curated/sources.csv, or a user's metadata CSV), the curated tables (optional), the schemas,
and the folder the package is published into. Layout.repository(root) is this repository's package;
Layout.corpus(...) is anyone's folder of articles. The module constants below name this repository's own
files, for the commands and tests that really mean "this repository".
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS_DIR = ROOT / "schemas"


@dataclass(frozen=True)
class Layout:
    """Where one build reads its inputs and publishes its package.

    articles_dir: the article texts (UTF-8 .txt files directly in it).
    out_dir: the package folder; the build publishes data/, datapackage.json (and, for a corpus build, copies
        of the articles and schemas, so that the package stands alone) into it.
    curated_dir: curated tables (<table>.csv, as in curated/); None, or a table without a file, gives that
        table empty. The repository's sources table is curated too (curated_dir/sources.csv).
    metadata_csv: a user's metadata (id, file, outlet, published_date, url, licence) from which the sources
        table is made; None means the sources are curated (curated_dir/sources.csv).
    package_metadata: the hand-written datapackage.json metadata (metadata/package.json); None gives a generic one.
    readme: the README whose generated sections the build refreshes (a repository checkout only), or None.
    """
    articles_dir: Path
    out_dir: Path
    schemas_dir: Path = SCHEMAS_DIR
    curated_dir: Path | None = None
    metadata_csv: Path | None = None
    package_metadata: Path | None = None
    readme: Path | None = None

    @classmethod
    def repository(cls, root: Path = ROOT) -> "Layout":
        """This repository's package: articles/ and curated/ in, data/ and datapackage.json (and README.md) out."""
        root = Path(root)
        return cls(articles_dir=root / "articles", out_dir=root, schemas_dir=root / "schemas",
                   curated_dir=root / "curated", metadata_csv=None,
                   package_metadata=root / "metadata" / "package.json",
                   readme=root / "README.md" if (root / "README.md").exists() else None)

    @classmethod
    def corpus(cls, articles_dir: Path, metadata_csv: Path, out_dir: Path, curated_dir: Path | None = None,
               schemas_dir: Path = SCHEMAS_DIR) -> "Layout":
        """A user's folder of articles with a metadata CSV, built into out_dir."""
        return cls(articles_dir=Path(articles_dir), out_dir=Path(out_dir), schemas_dir=Path(schemas_dir),
                   curated_dir=None if curated_dir is None else Path(curated_dir), metadata_csv=Path(metadata_csv))

    @property
    def is_repository(self) -> bool:
        """Sources curated (curated_dir/sources.csv), inputs inside out_dir: the repository's own build."""
        return self.metadata_csv is None

    def curated_file(self, table: str) -> Path | None:
        return None if self.curated_dir is None else self.curated_dir / f"{table}.csv"


REPOSITORY = Layout.repository(ROOT)
ARTICLES_DIR = REPOSITORY.articles_dir
CURATED_DIR = ROOT / "curated"
DATA_DIR = ROOT / "data"
METADATA_FILE = ROOT / "metadata" / "package.json"
DESCRIPTOR_FILE = ROOT / "datapackage.json"
README_FILE = ROOT / "README.md"
