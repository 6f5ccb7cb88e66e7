"""Read the package's descriptor and tables from a folder, a zip or a URL; type every column from its schema."""
from __future__ import annotations

import io
import json
import os
import posixpath
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

DESCRIPTOR = "datapackage.json"
ENV_SOURCE = "JUNIOR_DOCTORS_STRIKES_SOURCE"
_HERE = Path(__file__).resolve().parent
# A wheel carries the package under junior_doctors_strikes/package/; a checkout has it at the repository root.
_DEFAULT_PLACES = (_HERE / "package", _HERE.parent)
_HOW_TO = ("pass source= the repository folder, a release zip (junior-doctors-strikes-VERSION.zip) or an "
           f"http(s) URL of either, or set {ENV_SOURCE}")


class PackageNotFound(FileNotFoundError):
    """No data package where one was looked for."""


class _Files:
    """Bytes of the package's files by their path relative to datapackage.json."""

    def __init__(self, source):
        self.source = source
        self._zip: zipfile.ZipFile | None = None
        self._base_url: str | None = None
        self._dir: Path | None = None
        self._prefix = ""
        text = str(source)
        if text.startswith(("http://", "https://")):
            if urllib.parse.urlparse(text).path.endswith(".zip"):
                self._open_zip(io.BytesIO(_fetch(text)))
            else:
                base = text if text.endswith(("/", ".json")) else text + "/"
                self._base_url = base if base.endswith("/") else base.rsplit("/", 1)[0] + "/"
            return
        path = Path(source).expanduser()
        if path.is_file() and zipfile.is_zipfile(path):
            self._open_zip(path)
        elif path.is_file() and path.name == DESCRIPTOR:
            self._dir = path.parent
        elif (path / DESCRIPTOR).is_file():
            self._dir = path
        elif path.exists():
            raise PackageNotFound(f"{path}: neither a folder with {DESCRIPTOR} nor a zip file; {_HOW_TO}")
        else:
            raise PackageNotFound(f"{path}: no such file or folder; {_HOW_TO}")

    def _open_zip(self, file) -> None:
        self._zip = zipfile.ZipFile(file)
        found = sorted((n for n in self._zip.namelist() if posixpath.basename(n) == DESCRIPTOR),
                       key=lambda n: (n.count("/"), n))
        if not found:
            raise PackageNotFound(f"{self.source}: the zip holds no {DESCRIPTOR}; {_HOW_TO}")
        self._prefix = found[0][: -len(DESCRIPTOR)]

    def read(self, relative: str) -> bytes:
        if posixpath.isabs(relative) or ".." in relative.split("/") or "://" in relative:
            raise ValueError(f"{self.source}: refusing the non-local path {relative!r} named in {DESCRIPTOR}")
        try:
            if self._zip is not None:
                return self._zip.read(self._prefix + relative)
            if self._base_url is not None:
                return _fetch(urllib.parse.urljoin(self._base_url, relative))
            return (self._dir / relative).read_bytes()
        except (KeyError, FileNotFoundError) as err:
            raise PackageNotFound(f"{self.source}: {relative} is missing, though {DESCRIPTOR} lists it; "
                                  "the copy is incomplete: get the release zip again or rebuild with `make build`") from err


def _fetch(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.read()
    except (urllib.error.URLError, OSError) as err:
        raise PackageNotFound(f"{url}: could not be fetched ({err}); check the URL, or download the release "
                              "zip and pass its local path") from err


class Package:
    """One opened copy of the data package: its descriptor, table names and typed tables."""

    def __init__(self, source=None):
        self.files = _Files(_resolve(source))
        self.descriptor = json.loads(self.files.read(DESCRIPTOR))
        self._resources = {r["name"]: r for r in self.descriptor.get("resources", [])}
        # listed once: a corpus package's descriptor lists every article as a resource too
        self._table_names = [r["name"] for r in self.descriptor.get("resources", [])
                             if r.get("format") == "csv" and "schema" in r]
        self._schemas: dict[str, dict] = {}

    @property
    def version(self) -> str | None:
        return self.descriptor.get("version")

    @property
    def table_names(self) -> list[str]:
        """The tables, in the descriptor's order (each published as CSV, and as Parquet under NAME-parquet)."""
        return list(self._table_names)

    def schema(self, name: str) -> dict:
        """The Table Schema of a table, as a dict."""
        resource = self._resource(name)
        if name not in self._schemas:
            schema = resource["schema"]
            self._schemas[name] = schema if isinstance(schema, dict) else json.loads(self.files.read(schema))
        return self._schemas[name]

    def load(self, name: str) -> pd.DataFrame:
        """One table as a typed DataFrame (read from Parquet where the package has it, else from CSV)."""
        resource = self._resource(name)
        schema = self.schema(name)
        parquet = self._resources.get(f"{name}-parquet")
        if parquet is not None and parquet.get("format") == "parquet":
            # One thread: Arrow's thread pool reading from a Python file object can abort or hang the interpreter at
            # exit (apache/arrow#33975, #34314, #50482); the package's tables are small.
            table = pq.read_table(io.BytesIO(self.files.read(parquet["path"])), use_threads=False)
            frame = table.to_pandas()
        else:
            frame = pd.read_csv(io.BytesIO(self.files.read(resource["path"])), dtype=str,
                                keep_default_na=False, na_values=[""])
        frame = _typed(frame, schema, f"{self.files.source}: {resource['path']}")
        frame.attrs.update({"name": name, "title": resource.get("title", ""),
                            "description": resource.get("description", ""), "version": self.version})
        return frame

    def _resource(self, name: str) -> dict:
        if name not in self._table_names:
            raise KeyError(f"no table {name!r} in {self.files.source}; the tables are: {', '.join(self._table_names)}")
        return self._resources[name]


def _resolve(source):
    if source is not None:
        return source
    if os.environ.get(ENV_SOURCE):
        return os.environ[ENV_SOURCE]
    for place in _DEFAULT_PLACES:
        if (place / DESCRIPTOR).is_file():
            return place
    raise PackageNotFound(f"no copy of the data package was installed with this module; {_HOW_TO}")


_BOOLEAN = {"true": True, "false": False, "True": True, "False": False, "TRUE": True, "FALSE": False,
            "1": True, "0": False}


def _typed(frame: pd.DataFrame, schema: dict, where: str) -> pd.DataFrame:
    """Columns in schema order, each converted to the pandas type of its Table Schema field."""
    missing = [f["name"] for f in schema["fields"] if f["name"] not in frame.columns]
    if missing:
        raise ValueError(f"{where}: columns {missing} named in its schema are missing; the copy does not "
                         "match its schema: get the release again or rebuild with `make build`")
    columns = {}
    for field in schema["fields"]:
        name, kind = field["name"], field.get("type", "any")
        values = frame[name]
        enum = field.get("constraints", {}).get("enum") or field.get("categories")
        if kind in ("date", "datetime"):
            values = pd.to_datetime(values.astype("object").where(values.notna(), None))
            if kind == "date":
                values = values.astype("datetime64[us]")  # what pandas 3 read_csv(parse_dates=...) gives
        elif kind in ("integer", "year"):
            values = pd.to_numeric(values).astype("Int64")
        elif kind == "number":
            values = pd.to_numeric(values).astype("Float64")
        elif kind == "boolean":
            if values.dtype == object or isinstance(values.dtype, pd.StringDtype):
                values = values.map(lambda v: _BOOLEAN.get(v, v) if isinstance(v, str) else v)
            values = values.astype("boolean")
        elif enum:
            enum = [e if isinstance(e, str) else e.get("value") for e in enum]
            text = values.astype("string")
            unknown = sorted(set(text.dropna()) - set(enum))
            if unknown:
                raise ValueError(f"{where}: column {name} holds {unknown}, outside its vocabulary {enum}")
            values = pd.Series(pd.Categorical(text.astype("object").where(text.notna(), None), categories=enum),
                               index=frame.index)
        else:
            values = values.astype("string")
        columns[name] = values
    return pd.DataFrame(columns, index=frame.index)


def verbatim_fields(schema: dict) -> list[str]:
    """The columns of a Table Schema that copy words from the articles (the publishers' text, not under CC BY).

    A field is verbatim when it is marked "x-verbatim": true, or when it is the text of a span: a column named
    text or *_text beside *start and *end columns (text == article[start:end]).
    """
    names = {f["name"] for f in schema.get("fields", [])}
    found = []
    for field in schema.get("fields", []):
        name = field["name"]
        prefix = name[: -len("text")] if name == "text" or name.endswith("_text") else None
        span = prefix is not None and f"{prefix}start" in names and f"{prefix}end" in names
        if field.get("x-verbatim") or span:
            found.append(name)
    return found


def open_package(source=None) -> Package:
    """Open the package once (useful to read several tables from one zip or URL without fetching it again)."""
    return Package(source)


def table_names(source=None) -> list[str]:
    """The names of the package's tables, e.g. ['sources', 'organisations', ..., 'quotes', ...]."""
    return Package(source).table_names


def load(name: str, source=None) -> pd.DataFrame:
    """Load one table as a typed pandas DataFrame.

    name: a table name such as "quotes", "events" or "figures" (see table_names()).
    source: the repository folder, a release zip or an http(s) URL of either; None reads the installed copy.
    Raises KeyError (naming the tables there are) for an unknown table, PackageNotFound when no package is found.
    """
    return Package(source).load(name)


def load_package(source=None) -> dict[str, pd.DataFrame]:
    """Every table of the package, typed, as {name: DataFrame} in the descriptor's order."""
    package = Package(source)
    return {name: package.load(name) for name in package.table_names}
