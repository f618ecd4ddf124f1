package postgres

import (
	"context"
	"testing"

	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/storetest"
)

// TestQuerier runs the store.Querier conformance suite, which the SQLite
// store runs too: both must give the same results.
func TestQuerier(t *testing.T) {
	dsn := testDSN(t)
	storetest.RunQuerier(t, func(t *testing.T) storetest.Opener {
		schema := testSchema(t, dsn)
		return func() (store.Store, error) {
			return Open(context.Background(), dsn, WithSchema(schema), WithMaxConns(4))
		}
	})
}
