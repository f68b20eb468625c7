"""The embedded default (SQLite) takes as many parameters in one statement as the SQLite it
runs on allows (32,766 since SQLite 3.32), not the 999 Django 5.2 assumes: a bulk write
of a few hundred rows is then one statement, as on PostgreSQL, not one per 333 values.
Connected to `connection_created` in PartnershipConfig.ready()."""

import sqlite3


def query_params_limit(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.features.max_query_params = connection.connection.getlimit(
            sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
