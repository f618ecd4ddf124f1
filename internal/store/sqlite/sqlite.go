package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"

	sqlitedriver "modernc.org/sqlite" // also registers the "sqlite" database/sql driver
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/sitrep/sitrep/internal/store"
)

// busyTimeoutMillis is how long a connection waits for a lock held by
// another connection or process before failing with SQLITE_BUSY.
const busyTimeoutMillis = 10000

// isBusy reports whether err is SQLite's "database is locked".
func isBusy(err error) bool {
	var se *sqlitedriver.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY
}

// Store is a store.Store in one SQLite file. It is safe for concurrent use
// by several goroutines; several Stores (in one or several processes) may
// also share a file, at the cost of waiting for each other's writes.
type Store struct {
	// write has exactly one connection: SQLite has one writer, and queueing
	// in database/sql honours contexts, unlike a lock held inside SQLite.
	write *sql.DB
	// read holds query_only connections used by every read method.
	read *sql.DB
}

var _ store.Store = (*Store)(nil)

// Open opens the SQLite database file at path, creating it if needed, and
// migrates its schema to the current version. path is a file name, not a
// URI; ":memory:" is refused because the store's two connection pools must
// see the same database. The caller owns the Store and must Close it.
func Open(path string) (*Store, error) {
	if path == "" || path == ":memory:" || strings.HasPrefix(path, "file:") {
		return nil, fmt.Errorf("sqlite: open %q: need a file path", path)
	}
	uri := "file:" + escapePath(path)
	common := fmt.Sprintf("_pragma=busy_timeout(%d)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)", busyTimeoutMillis)

	write, err := sql.Open("sqlite", uri+"?"+common+"&_pragma=journal_mode(WAL)&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	write.SetConnMaxIdleTime(0)
	ctx := context.Background()
	// A new file's first connections switch it to WAL, which takes an
	// exclusive lock that SQLite does not wait for under busy_timeout: a
	// second process opening the file at that moment gets SQLITE_BUSY at
	// once. Such failures are retried, with the busy timeout as deadline.
	deadline := time.Now().Add(busyTimeoutMillis * time.Millisecond)
	for {
		err = migrate(ctx, write)
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}

	// The read pool is opened after the write pool has created the file
	// and switched it to WAL, which persists in the file.
	read, err := sql.Open("sqlite", uri+"?"+common+"&_pragma=query_only(1)")
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	n := max(4, runtime.GOMAXPROCS(0))
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	read.SetConnMaxLifetime(0)
	read.SetConnMaxIdleTime(0)
	if err := read.PingContext(ctx); err != nil {
		read.Close()
		write.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	return &Store{write: write, read: read}, nil
}

// escapePath makes path safe to put after "file:" in an SQLite URI, where
// '?' starts the query, '#' a fragment and '%' an escape.
func escapePath(path string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
}

// Close runs PRAGMA optimize, as SQLite advises before closing, and closes
// both pools. It must be called once, after every other call has returned.
func (s *Store) Close() error {
	_, optErr := s.write.Exec("PRAGMA optimize")
	err := errors.Join(s.read.Close(), s.write.Close())
	if err != nil {
		return fmt.Errorf("sqlite: close: %w", err)
	}
	if optErr != nil {
		return fmt.Errorf("sqlite: close: optimize: %w", optErr)
	}
	return nil
}

// IntegrityCheck verifies the database: PRAGMA integrity_check (b-trees,
// indexes, STRICT types, CHECK constraints), PRAGMA foreign_key_check, and
// FTS5's own integrity-check, which compares the full-text index with the
// article texts. It returns nil when all pass and otherwise an error listing
// the problems found. It is slow on large files: it reads all of them. It
// is safe to call concurrently with other methods.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	problems, err := s.checkReadSide(ctx)
	if err != nil {
		return err
	}

	// The FTS5 check is spelled as an INSERT, so it needs the write pool;
	// rank = 1 makes it compare the index with the content table as well.
	if _, err := s.write.ExecContext(ctx, "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)"); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("sqlite: full-text integrity check: %w", err)
		}
		problems = append(problems, "full-text index: "+err.Error())
	}
	if len(problems) > 0 {
		return fmt.Errorf("sqlite: integrity check failed: %s", strings.Join(problems, "; "))
	}
	return nil
}

// ftsRefreshSQL opens a cursor on the full-text table and reads nothing
// (seq 0 is never assigned). See checkReadSide.
const ftsRefreshSQL = "SELECT count(*) FROM articles_fts WHERE rowid = 0"

// checkReadSide runs PRAGMA integrity_check and PRAGMA foreign_key_check in
// one read transaction and returns the problems they report.
//
// FTS5 keeps its index structure (the list of segments) cached on each
// connection between statements and normally revalidates it against PRAGMA
// data_version whenever a statement opens a cursor on the table or starts
// writing to it. PRAGMA integrity_check's FTS5 step (its xIntegrity method;
// seen with SQLite 3.53 and 3.54.1) skips that revalidation: on a
// pooled read connection whose last full-text query predates commits that
// merged segments away, it reports "fts5: corruption found reading blob N"
// for a segment that no longer exists, although the file is sound (a fresh
// connection and the FTS5 'integrity-check' command both pass). Opening a
// cursor on articles_fts first, inside the same transaction, refreshes the
// cache at the snapshot the integrity check then reads.
func (s *Store) checkReadSide(ctx context.Context) (problems []string, err error) {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("sqlite: integrity check: %w", err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, ftsRefreshSQL).Scan(&n); err != nil {
		return nil, fmt.Errorf("sqlite: integrity check: %w", err)
	}

	rows, err := tx.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, fmt.Errorf("sqlite: integrity check: %w", err)
	}
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: integrity check: %w", err)
		}
		if msg != "ok" {
			problems = append(problems, msg)
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("sqlite: integrity check: %w", err)
	}

	rows, err = tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return nil, fmt.Errorf("sqlite: foreign key check: %w", err)
	}
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fkid int
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: foreign key check: %w", err)
		}
		problems = append(problems, fmt.Sprintf("foreign key %d of %s row %v: missing %s row", fkid, table, rowid.Int64, parent))
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("sqlite: foreign key check: %w", err)
	}
	return problems, nil
}
