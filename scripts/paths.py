"""Where things live in the repository."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES_DIR = ROOT / "articles"
CURATED_DIR = ROOT / "curated"
SCHEMAS_DIR = ROOT / "schemas"
DATA_DIR = ROOT / "data"
METADATA_FILE = ROOT / "metadata" / "package.json"
DESCRIPTOR_FILE = ROOT / "datapackage.json"
README_FILE = ROOT / "README.md"
