"""documents.latest_reading_id: the newest reading of each document, kept by Store.save, so
listings join one row instead of grouping all readings.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("latest_reading_id", sa.Integer(), nullable=True))
        batch.create_index("ix_documents_latest_reading_id", ["latest_reading_id"], unique=False)
    op.execute("UPDATE documents SET latest_reading_id = "
               "(SELECT MAX(r.id) FROM readings r WHERE r.document_id = documents.id)")
    with op.batch_alter_table("findings") as batch:
        batch.create_index("ix_findings_reading_severity", ["reading_id", "severity"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("findings") as batch:
        batch.drop_index("ix_findings_reading_severity")
    with op.batch_alter_table("documents") as batch:
        batch.drop_index("ix_documents_latest_reading_id")
        batch.drop_column("latest_reading_id")
