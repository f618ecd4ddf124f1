package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// buildBinary builds the real sitrep binary once per test run.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "sitrep")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

func runBin(t *testing.T, bin string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return stdout.String(), stderr.String(), code
}

func TestBinaryEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)

	t.Run("demo", func(t *testing.T) {
		out, errOut, code := runBin(t, bin, "demo")
		if code != 0 {
			t.Fatalf("demo exit %d: %s", code, errOut)
		}
		for _, want := range []string{"SITUATION REPORT", "stored 8", "The Meridian Courier", "syndicated from The Meridian Courier", "set aside 2022-"} {
			if !strings.Contains(out, want) {
				t.Errorf("demo output lacks %q", want)
			}
		}
	})

	t.Run("usage", func(t *testing.T) {
		if _, _, code := runBin(t, bin, "nonsense"); code != 2 {
			t.Errorf("unknown command exit %d, want 2", code)
		}
		if _, errOut, code := runBin(t, bin, "export", "--db", filepath.Join(t.TempDir(), "none.db")); code != 1 || !strings.Contains(errOut, "no store") {
			t.Errorf("export of a missing store: exit %d, %q", code, errOut)
		}
	})

	t.Run("seeds", func(t *testing.T) {
		shared := os.Getenv("SITREP_SHARED")
		if shared == "" {
			shared = filepath.Join("..", "..", "..", "shared")
		}
		seeds := filepath.Join(shared, "fixtures", "seeds")
		if _, err := os.Stat(filepath.Join(seeds, "manifest.jsonl")); err != nil {
			t.Skipf("seed fixture not found at %s (set SITREP_SHARED)", seeds)
		}
		db := filepath.Join(t.TempDir(), "seeds.db")
		for i := 0; i < 2; i++ {
			out, errOut, code := runBin(t, bin, "ingest", seeds, "--manifest", filepath.Join(seeds, "manifest.jsonl"), "--db", db)
			if code != 0 {
				t.Fatalf("ingest exit %d: %s", code, errOut)
			}
			want := "stored 5, duplicate 0"
			if i == 1 {
				want = "stored 0, duplicate 5"
			}
			if !strings.Contains(out, want) {
				t.Errorf("run %d: %q lacks %q", i+1, out, want)
			}
		}
		out, errOut, code := runBin(t, bin, "export", "--db", db, "--format", "jsonl")
		if code != 0 {
			t.Fatalf("export exit %d: %s", code, errOut)
		}
		var recs []map[string]any
		types := map[string]int{}
		sc := bufio.NewScanner(strings.NewReader(out))
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			var r map[string]any
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatalf("bad JSONL line: %v", err)
			}
			types[fmt.Sprint(r["type"])]++
			if r["type"] == "article" {
				recs = append(recs, r)
			}
		}
		if len(recs) != 5 {
			t.Fatalf("export has %d article records, want 5", len(recs))
		}
		// The annotation stages ran: the seeds are full of dates and quotes.
		if types["timex"] < 10 || types["quote"] < 38 {
			t.Errorf("export record counts %v: want at least 10 timex and 38 quote records", types)
		}
		for _, r := range recs {
			for _, k := range []string{"type", "id", "source_file", "outlet", "title", "author", "dateline", "published", "language", "text", "paragraphs", "sentences"} {
				if _, ok := r[k]; !ok {
					t.Errorf("record %v lacks %q", r["source_file"], k)
				}
			}
			if r["type"] != "article" || r["language"] != "en" || r["sentences"].(float64) < 5 {
				t.Errorf("odd record %v: type %v language %v sentences %v", r["source_file"], r["type"], r["language"], r["sentences"])
			}
		}
		if recs[4]["source_file"] != "004_1a61316cefcbaba0.txt" || recs[4]["dateline"] != "TEHRAN" || recs[4]["published"] != "2014-09-15" {
			t.Errorf("004 record: %v %v %v", recs[4]["source_file"], recs[4]["dateline"], recs[4]["published"])
		}
	})
}

func TestParseFlagsInterleaved(t *testing.T) {
	fs := newFlagSet("x", "", &bytes.Buffer{})
	db := fs.String("db", "d", "")
	pos, err := parseFlags(fs, []string{"a", "--db", "x.db", "b", "--", "--c"})
	if err != nil || *db != "x.db" || strings.Join(pos, ",") != "a,b,--c" {
		t.Errorf("got %v %q %v", pos, *db, err)
	}
}

// TestIngestWithDictionary loads a user's Phoenix-format actor dictionary
// at ingest: a made-up state it names resolves to the dictionary's code.
func TestIngestWithDictionary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	dict := filepath.Join(dir, "actors.txt")
	if err := os.WriteFile(dict, []byte("ZEMBLA_  [ZMB]\n+ZEMBLAN_\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "in", "a.txt")
	os.MkdirAll(filepath.Dir(in), 0o755)
	text := "Zembla recalls envoy\n\nZembla recalled its ambassador from the neighbouring republic on Monday after a dispute over fishing rights, officials said.\n"
	if err := os.WriteFile(in, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "s.db")
	if _, errOut, code := runBin(t, bin, "ingest", filepath.Dir(in), "--db", db, "--quiet", "--actors", dict); code != 0 {
		t.Fatalf("ingest exit %d: %s", code, errOut)
	}
	out, errOut, code := runBin(t, bin, "export", "--db", db)
	if code != 0 {
		t.Fatalf("export exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, `"type":"mention"`) || !strings.Contains(out, `"actor":"ZMB"`) {
		t.Errorf("no mention coded ZMB from the loaded dictionary:\n%s", out)
	}
	if _, errOut, code := runBin(t, bin, "ingest", filepath.Dir(in), "--db", db, "--actors", filepath.Join(dir, "missing.txt")); code == 0 {
		t.Errorf("a missing dictionary was accepted: %s", errOut)
	}
}
