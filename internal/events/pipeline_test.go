package events

import (
	"os"
	"sync"
	"testing"

	"github.com/sitrep/sitrep/internal/actors"
	"github.com/sitrep/sitrep/internal/syntax"
)

var (
	testSyntaxOnce sync.Once
	testSyntax     *syntax.Model
	testSyntaxErr  error
)

// testSyntaxModel returns the embedded parser, or the model file named by
// $SITREP_SYNTAX_MODEL when that is set (to test against a model being
// trained); it skips the test when neither is available.
func testSyntaxModel(tb testing.TB) *syntax.Model {
	tb.Helper()
	testSyntaxOnce.Do(func() {
		if path := os.Getenv("SITREP_SYNTAX_MODEL"); path != "" {
			f, err := os.Open(path)
			if err != nil {
				testSyntaxErr = err
				return
			}
			defer f.Close()
			testSyntax, testSyntaxErr = syntax.Load(f)
			return
		}
		testSyntax, testSyntaxErr = syntax.Default()
	})
	if testSyntaxErr != nil {
		tb.Skipf("no syntax model: %v", testSyntaxErr)
	}
	return testSyntax
}

// testPipeline returns the full pipeline over the test parser.
func testPipeline(tb testing.TB) *Pipeline {
	tb.Helper()
	sm := testSyntaxModel(tb)
	kb, err := actors.Default()
	if err != nil {
		tb.Fatal(err)
	}
	c, err := Default()
	if err != nil {
		tb.Fatal(err)
	}
	return &Pipeline{Syntax: sm, Actors: actors.NewResolver(kb), Coder: c}
}
