"""SQLite storage through sqlite-utils: migrations, the store, backups."""

from playbook_app.storage.database import DamagedDatabaseError, NewerDatabaseError, StorageError
from playbook_app.storage.repository import Store
from playbook_app.storage.rows import new_uid

__all__ = ["DamagedDatabaseError", "NewerDatabaseError", "StorageError", "Store", "new_uid"]
