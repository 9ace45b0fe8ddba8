-- When an entry was resolved or discarded, so closed entries can be forgotten after
-- reconcile.dead-letters.keep-closed (entries closed before this migration: their last failure).
ALTER TABLE dead_letter ADD COLUMN closed_at TIMESTAMP;
UPDATE dead_letter SET closed_at = last_failure WHERE status IN ('RESOLVED', 'DISCARDED');
CREATE INDEX dead_letter_closed_at ON dead_letter (closed_at);
