package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sitrep/sitrep/internal/store"
)

// DefaultSchema is the schema a Store uses when WithSchema is not given.
const DefaultSchema = "sitrep"

// Store is a store.Store in one PostgreSQL schema. It is safe for
// concurrent use by several goroutines, and any number of Stores in any
// number of processes may share a schema.
type Store struct {
	pool   *pgxpool.Pool
	schema string
}

var _ store.Store = (*Store)(nil)

// Option configures Open.
type Option func(*options)

type options struct {
	schema       string
	maxConns     int32
	existingOnly bool
}

// WithSchema makes the store live in the named schema, created and
// migrated by Open if needed. The name is used as given (case-sensitive,
// at most 63 bytes) and always quoted.
func WithSchema(name string) Option { return func(o *options) { o.schema = name } }

// ExistingOnly makes Open fail with an error wrapping ErrNoStore, instead
// of creating the schema, when the schema holds no sitrep store: reading
// commands never create an empty store by mistake.
func ExistingOnly() Option { return func(o *options) { o.existingOnly = true } }

// ErrNoStore is returned by Open with ExistingOnly when the schema holds no
// store.
var ErrNoStore = errors.New("no sitrep store in this schema")

// WithMaxConns bounds the store's connection pool; 0 keeps pgx's default
// (the larger of 4 and the number of CPUs).
func WithMaxConns(n int) Option { return func(o *options) { o.maxConns = int32(n) } }

// Open connects to the PostgreSQL server named by dsn (a URL such as
// "postgres://user@host:5432/db" or "host=... dbname=..." keywords; pgx
// also reads the PG* environment variables), creates and migrates the
// store's schema, and returns the Store. A connection timeout of 10 s
// applies unless dsn sets connect_timeout. The caller owns the Store and
// must Close it.
func Open(ctx context.Context, dsn string, opts ...Option) (*Store, error) {
	o := options{schema: DefaultSchema}
	for _, opt := range opts {
		opt(&o)
	}
	if o.schema == "" || len(o.schema) > 63 {
		return nil, fmt.Errorf("postgres: open: schema name %q must be 1 to 63 bytes", o.schema)
	}
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = 10 * time.Second
	}
	ident := pgx.Identifier{o.schema}.Sanitize()
	cfg.ConnConfig.RuntimeParams["search_path"] = ident
	if _, ok := cfg.ConnConfig.RuntimeParams["application_name"]; !ok {
		cfg.ConnConfig.RuntimeParams["application_name"] = "sitrep"
	}
	if o.maxConns > 0 {
		cfg.MaxConns = o.maxConns
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: open %s: %w", describe(cfg), err)
	}
	if o.existingOnly {
		var exists bool
		err = conn.QueryRow(ctx, `SELECT to_regclass($1) IS NOT NULL`, ident+".schema_migrations").Scan(&exists)
		if err == nil && !exists {
			err = fmt.Errorf("postgres: open %s schema %s: %w", describe(cfg), ident, ErrNoStore)
		}
	}
	if err == nil {
		err = migrate(ctx, conn.Conn(), o.schema)
	}
	conn.Release()
	if err != nil {
		pool.Close()
		return nil, err
	}
	return &Store{pool: pool, schema: o.schema}, nil
}

// describe names the server a configuration points at, without secrets.
func describe(cfg *pgxpool.Config) string {
	c := cfg.ConnConfig
	return fmt.Sprintf("%s@%s:%d/%s", c.User, c.Host, c.Port, c.Database)
}

// Schema returns the name of the store's schema.
func (s *Store) Schema() string { return s.schema }

// Close closes the connection pool, waiting for connections in use to be
// returned. It must be called once, after every other call has returned.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// DropSchema removes schema and everything in it from the database named
// by dsn; a missing schema is not an error. Tests use it to clean up the
// schema they opened a Store in. It must not be called while a Store uses
// the schema.
func DropSchema(ctx context.Context, dsn, schema string) error {
	if schema == "" {
		return errors.New("postgres: drop schema: empty name")
	}
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return fmt.Errorf("postgres: drop schema: %w", err)
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 10 * time.Second
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return fmt.Errorf("postgres: drop schema: %w", err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, `DROP SCHEMA IF EXISTS `+pgx.Identifier{schema}.Sanitize()+` CASCADE`); err != nil {
		return fmt.Errorf("postgres: drop schema %s: %w", schema, err)
	}
	return nil
}
