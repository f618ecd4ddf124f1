package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// crashCorpus writes n distinct short articles of our own as .txt files
// under dir, spread over subdirectories of 500.
func crashCorpus(t *testing.T, dir string, n int) {
	t.Helper()
	places := []string{"the northern border", "the capital", "the port city", "the disputed valley", "the river crossing"}
	actors := []string{"Foreign ministers", "Army commanders", "Trade envoys", "Opposition leaders", "Aid agencies"}
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("batch%02d", i/500))
		if i%500 == 0 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		var b strings.Builder
		fmt.Fprintf(&b, "Talks round %d ends without a deal\n\n", i)
		for p := range 4 {
			fmt.Fprintf(&b, "%s met for the %dth time near %s on day %d of the dispute, officials said. ",
				actors[(i+p)%len(actors)], i+p, places[(i*7+p)%len(places)], i%97+p)
			fmt.Fprintf(&b, "They agreed to meet again, and %d observers were present.\n\n", 10+i%53)
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("a%05d.txt", i)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// storedCount opens the store at path and counts its articles.
func storedCount(t *testing.T, path string) int {
	t.Helper()
	st, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s.Articles
}

// TestKillDuringIngest kills an ingest with SIGKILL in the middle of its
// work, reruns it, and checks that every article is stored exactly once and
// that the database passes SQLite's integrity check.
func TestKillDuringIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and ingests thousands of files")
	}
	const n = 4000
	bin := buildBinary(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	crashCorpus(t, in, n)
	db := filepath.Join(dir, "crash.db")

	cmd := exec.Command(bin, "ingest", in, "--db", db, "--batch", "16", "--quiet")
	var errOut strings.Builder
	cmd.Stderr = &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	// Kill once about a quarter is committed: in the middle of the work.
	deadline := time.Now().Add(60 * time.Second)
	killed := false
	for !killed && time.Now().Before(deadline) {
		select {
		case err := <-exited:
			t.Fatalf("ingest finished before it could be killed (%v); make the corpus larger\n%s", err, errOut.String())
		case <-time.After(5 * time.Millisecond):
		}
		if _, err := os.Stat(db); err != nil {
			continue
		}
		if c := storedCount(t, db); c >= n/4 {
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			killed = true
		}
	}
	if !killed {
		t.Fatal("nothing was stored within 60 s")
	}
	<-exited
	before := storedCount(t, db)
	if before >= n {
		t.Fatalf("all %d articles stored before the kill; the test did not interrupt anything", n)
	}
	t.Logf("killed with %d of %d articles stored", before, n)

	out, stderr, code := runBin(t, bin, "ingest", in, "--db", db, "--quiet")
	if code != 0 {
		t.Fatalf("rerun exit %d: %s", code, stderr)
	}
	want := fmt.Sprintf("stored %d, duplicate %d, rejected 0", n-before, before)
	if !strings.Contains(out+stderr, want) {
		t.Errorf("rerun summary lacks %q:\n%s%s", want, out, stderr)
	}
	st, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if err := st.IntegrityCheck(ctx); err != nil {
		t.Errorf("integrity check: %v", err)
	}
	ids, err := st.ArticleIDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Errorf("article %s stored twice", id)
		}
		seen[id] = true
	}
	if len(ids) != n {
		t.Errorf("%d articles stored after the rerun, want exactly %d", len(ids), n)
	}
}
