"""Typed pandas access to the junior-doctors-strikes data package.

    >>> from junior_doctors_strikes import load, load_package
    >>> quotes = load("quotes")                 # one table, typed from its Table Schema
    >>> tables = load_package()                 # every table, {name: DataFrame}

Every function takes an optional ``source``: the repository folder (or any folder holding
``datapackage.json``), a release zip (``junior-doctors-strikes-VERSION.zip``), or an http(s) URL of
either. Without it, the copy of the package installed with this module is read (or, in a checkout of
the repository, the published package beside it).

Columns come back ready for ordinary pandas work: dates as ``datetime64``, integers as ``Int64``,
numbers as ``Float64``, booleans as ``boolean``, closed vocabularies as ``category`` (the categories
are the schema's ``enum``, in its order) and text as ``string``. Missing values are ``pd.NA``/``NaT``.
"""
from junior_doctors_strikes._loader import (PackageNotFound, load, load_package, open_package, table_names,
                                            verbatim_fields)

__all__ = ["PackageNotFound", "load", "load_package", "open_package", "table_names", "verbatim_fields"]
