"""The uploaded originals, kept so a PDF's pages can be shown with the findings drawn on them.

Files are content-addressed (SHA-256 of the bytes, the store's document identity), so the same
upload twice is one file, and the page cache next to them is keyed the same way.
The directory sits beside a SQLite database, or in the user's data directory otherwise;
``JUESUAN_FILES`` overrides it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from sqlalchemy.engine import make_url

ENV_VAR = "JUESUAN_FILES"


def data_dir(store_url: str) -> Path:
    """Where the web application keeps originals and page images for the store at ``store_url``."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    url = make_url(store_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        db = Path(url.database)
        return db.parent / f"{db.stem}-files"
    from platformdirs import user_data_dir

    return Path(user_data_dir("juesuan", appauthor=False)) / "files"


class Originals:
    def __init__(self, root: Path):
        self.root = Path(root)

    def path(self, content_hash: str) -> Path:
        return self.root / "originals" / content_hash[:2] / content_hash

    def find(self, content_hash: str) -> Path | None:
        p = self.path(content_hash)
        return p if p.is_file() else None

    def keep(self, content_hash: str, src: Path) -> None:
        """Copy ``src`` into place (the API's upload hook: it deletes ``src`` afterwards).
        Written to a temporary name and renamed, so a reader never sees half a file; an
        existing copy is left as is."""
        dest = self.path(content_hash)
        if dest.is_file():
            return
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=dest.parent, suffix=".part")
        try:
            with os.fdopen(fd, "wb") as out, open(src, "rb") as inp:
                shutil.copyfileobj(inp, out, 1 << 20)
            os.replace(tmp, dest)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @property
    def page_cache(self) -> Path:
        return self.root / "pages"
