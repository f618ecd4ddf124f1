package sqlite

import (
	"testing"

	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/storetest"
)

// TestQuerier runs the store.Querier conformance suite, which the
// PostgreSQL store runs too: both must give the same results.
func TestQuerier(t *testing.T) {
	storetest.RunQuerier(t, func(t *testing.T) storetest.Opener {
		path := tempPath(t)
		return func() (store.Store, error) {
			s, err := Open(path)
			if err != nil {
				return nil, err
			}
			return checked{s, t}, nil
		}
	})
}
