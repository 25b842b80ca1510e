"""SQLAlchemy 2 async storage for Debrief: engines, the unit of work, migrations.

Typical composition::

    engine = create_engine(settings.database_url)
    await upgrade(settings.database_url)
    uow_factory = sql_uow_factory(engine)
"""

from storage.engine import create_engine
from storage.migrate import upgrade
from storage.sql import sql_uow_factory

__all__ = ["create_engine", "sql_uow_factory", "upgrade"]
