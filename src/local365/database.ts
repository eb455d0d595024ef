import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;

/**
 * Opens the stand-in's embedded database. ':memory:' gives a private database (tests); a path creates the
 * folder. WAL so the inspector can read while the app writes.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/** Runs `sql` once per database, keyed by `name` (each module owns its own tables). */
export function migrate(db: Db, name: string, sql: string): void {
  db.exec('CREATE TABLE IF NOT EXISTS local365_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const done = db.prepare('SELECT 1 FROM local365_migrations WHERE name = ?').get(name);
  if (done) return;
  db.transaction(() => {
    db.exec(sql);
    db.prepare('INSERT INTO local365_migrations (name, applied_at) VALUES (?, ?)').run(
      name,
      new Date().toISOString(),
    );
  })();
}
