package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/model"
)

// FuzzDecode checks that decode turns any bytes into valid UTF-8 text or a
// rejection, never both, and leaves valid UTF-8 without a byte-order mark
// untouched.
func FuzzDecode(f *testing.F) {
	f.Add([]byte("Talks resume in Oslo."), false)
	f.Add([]byte("Caf\xe9 \x93talks\x94"), false)
	f.Add([]byte("\xff\xfeT\x00a\x00"), false)
	f.Add([]byte(`<meta charset="koi8-r"><p>`+"\xf0\xd2\xc9\xd7\xc5\xd4</p>"), true)
	f.Add([]byte("%PDF-1.7"), false)
	f.Add([]byte("\ufeff"), true)
	f.Fuzz(func(t *testing.T, b []byte, html bool) {
		format := "txt"
		if html {
			format = "html"
		}
		text, note, reject := decode(b, format)
		if reject != "" {
			if text != "" || note != "" {
				t.Fatalf("decode(%q) rejected (%s) but returned text %q, note %q", b, reject, text, note)
			}
			if code := badCode(reject); code == "" {
				t.Fatalf("decode(%q): rejection %q has no code", b, reject)
			}
			return
		}
		if !utf8.ValidString(text) {
			t.Fatalf("decode(%q) = %q: invalid UTF-8", b, text)
		}
		if utf8.Valid(b) && !bytes.HasPrefix(b, []byte("\ufeff")) && (text != string(b) || note != "") {
			t.Fatalf("decode(%q) changed valid UTF-8 into %q (note %q)", b, text, note)
		}
		text2, note2, reject2 := decode(b, format)
		if text2 != text || note2 != note || reject2 != reject {
			t.Fatalf("decode(%q) is not deterministic", b)
		}
	})
}

// fuzzExts are the input kinds FuzzReadFile writes.
var fuzzExts = []string{".txt", ".html", ".jsonl", ".txt.gz", ".jsonl.gz"}

// fuzzFile writes data as an input file whose kind mode picks: mode%5 is the
// extension; for .gz, (mode/5)%4 chooses well-formed gzip, the bytes as
// they are, or gzip cut in the middle or before its trailer.
func fuzzFile(t *testing.T, data []byte, mode uint8) string {
	ext := fuzzExts[int(mode)%len(fuzzExts)]
	if strings.HasSuffix(ext, ".gz") {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(data)
		zw.Close()
		z := buf.Bytes()
		switch (mode / 5) % 4 {
		case 0:
			data = z
		case 2:
			data = z[:len(z)/2]
		case 3:
			data = z[:len(z)-4]
		}
	}
	path := filepath.Join(t.TempDir(), "in"+ext)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// readAll plans and reads paths, returning every item yielded.
func readAll(paths []string, opts Options) (*Plan, []Item, error) {
	p, err := NewPlan(paths, opts)
	if err != nil {
		return nil, nil, err
	}
	var items []Item
	last := int64(0)
	err = p.Read(context.Background(), func(it Item, done int64) error {
		if done < last {
			return fmt.Errorf("progress went back from %d to %d", last, done)
		}
		last = done
		items = append(items, it)
		return nil
	})
	return p, items, err
}

// itemError checks one item read from path: a rejection naming the file and
// line, or a document of valid UTF-8 in a known format.
func itemError(it Item, path string, jsonl bool) error {
	if it.Doc.Path != path {
		return fmt.Errorf("item path %q, want %q", it.Doc.Path, path)
	}
	if !jsonl && it.Doc.Line != 0 || jsonl && it.Doc.Line < 0 {
		return fmt.Errorf("item line %d", it.Doc.Line)
	}
	if r := it.Reject; r != nil {
		if r.Severity != model.Error || r.Stage != "ingest" || r.Code == "" || r.Message == "" || r.File != path || r.Line != it.Doc.Line {
			return fmt.Errorf("malformed rejection %+v", *r)
		}
		return nil
	}
	d := it.Doc
	if !utf8.ValidString(d.Raw) {
		return fmt.Errorf("document text is not valid UTF-8")
	}
	if d.Format != "txt" && d.Format != "html" {
		return fmt.Errorf("document format %q", d.Format)
	}
	want := d.Format
	if jsonl {
		want = "jsonl"
	}
	if d.Container != want {
		return fmt.Errorf("container %q, want %q", d.Container, want)
	}
	for _, dg := range d.Diagnostics {
		if dg.Severity != model.Warning || dg.Code == "" || dg.File != path || dg.Line != d.Line {
			return fmt.Errorf("malformed diagnostic %+v", dg)
		}
	}
	return nil
}

// FuzzReadFile writes arbitrary bytes as a .txt, .html, .jsonl or gzipped
// input and reads it through NewPlan and Read: a whole file gives one item,
// a JSONL file one item per non-blank line in line order, each a document
// or one rejection naming the file and line, the same on every read.
func FuzzReadFile(f *testing.F) {
	f.Add([]byte("Talks resumed on Monday, officials said.\n"), uint8(0))
	f.Add([]byte("<p>Talks resumed.</p>"), uint8(1))
	f.Add([]byte(`{"text":"Talks resumed.","published":"2020-01-02"}`+"\n\n{bad json\n"+`{"html":"<p>x</p>","title":"T"}`+"\n"+`{"url":"u"}`), uint8(2))
	f.Add([]byte("A gzipped report about the talks."), uint8(3))
	f.Add([]byte(`{"text":"one"}`+"\n"+`{"text":"two"}`+"\n"), uint8(4+5*2))
	f.Add([]byte("\x1f\x8b\x08\x00garbage"), uint8(3+5))
	f.Add([]byte(`{"text":"\u0000\u0001\u0002\u0003"}`+"\n"+`{"text":"\ufeff"}`), uint8(2+20))
	f.Fuzz(func(t *testing.T, data []byte, mode uint8) {
		if len(data) > 1<<16 {
			return
		}
		path := fuzzFile(t, data, mode)
		opts := Options{MaxBytes: 4096}
		if mode >= 128 {
			opts.MaxBytes = 64
		}
		jsonl := strings.Contains(path, ".jsonl")
		p, items, err := readAll([]string{path}, opts)
		if err != nil {
			t.Fatalf("read %s: %v", filepath.Base(path), err)
		}
		if len(p.Problems) != 0 || len(p.Files) != 1 {
			t.Fatalf("plan of one readable file: %d files, problems %v", len(p.Files), p.Problems)
		}
		if !jsonl && len(items) != 1 {
			t.Fatalf("%s gave %d items, want 1", filepath.Base(path), len(items))
		}
		line := 0
		for i, it := range items {
			if err := itemError(it, path, jsonl); err != nil {
				t.Fatalf("%s item %d: %v", filepath.Base(path), i, err)
			}
			if jsonl && it.Doc.Line == 0 {
				// The whole file was rejected (not gzip, unreadable).
				if it.Reject == nil || len(items) != 1 {
					t.Fatalf("%s item %d at line 0: %+v of %d items", filepath.Base(path), i, it, len(items))
				}
				continue
			}
			if jsonl {
				if it.Doc.Line <= line {
					t.Fatalf("%s item %d at line %d after line %d", filepath.Base(path), i, it.Doc.Line, line)
				}
				line = it.Doc.Line
			}
		}
		_, again, err := readAll([]string{path}, opts)
		if err != nil || !reflect.DeepEqual(items, again) {
			t.Fatalf("%s: reading twice gave different items (%v)", filepath.Base(path), err)
		}
	})
}

// FuzzManifest reads a directory whose manifest.jsonl is arbitrary, then the
// same manifest named explicitly: bad lines are warnings naming their line,
// the manifest is never an input, and each article is still read once.
func FuzzManifest(f *testing.F) {
	f.Add([]byte(`{"file":"a.txt","outlet":"Harbour Post","published":"2020-01-02"}` + "\n" + `{"file":"sub/b.txt","title":"B"}`))
	f.Add([]byte("not json\n\n{\"file\":\"\"}\n{\"file\":\"b.txt\",\"language\":\"fr\"}\r\n"))
	f.Add([]byte(`{"file":"../a.txt"}` + "\n" + `{"file":"/abs/a.txt","url":"https://example.org/x"}` + "\n" + `{"file":"a.txt","published":[1]}`))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, manifest []byte) {
		if len(manifest) > 1<<16 {
			return
		}
		dir := t.TempDir()
		files := map[string]string{
			ManifestName: string(manifest),
			"a.txt":      "Talks resumed on Monday, officials said.",
			"sub/b.txt":  "The envoy left for the capital.",
		}
		for rel, s := range files {
			p := filepath.Join(dir, rel)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		mpath := filepath.Join(dir, ManifestName)
		lines := len(bytes.Split(manifest, []byte("\n")))
		for _, opts := range []Options{{}, {Manifest: mpath}} {
			p, items, err := readAll([]string{dir}, opts)
			if err != nil {
				t.Fatalf("manifest %q (explicit %v): %v", manifest, opts.Manifest != "", err)
			}
			want := []string{filepath.Join(dir, "a.txt"), filepath.Join(dir, "sub/b.txt")}
			if !reflect.DeepEqual(p.Files, want) {
				t.Fatalf("manifest %q: files %v, want %v", manifest, p.Files, want)
			}
			if len(p.Problems) != 0 {
				t.Fatalf("manifest %q: problems %v", manifest, p.Problems)
			}
			for _, d := range p.Warnings {
				if d.Severity != model.Warning || d.Code != "manifest" || d.File != mpath || d.Line < 1 || d.Line > lines {
					t.Fatalf("manifest %q: warning %+v", manifest, d)
				}
			}
			if len(items) != 2 {
				t.Fatalf("manifest %q: %d items for 2 files", manifest, len(items))
			}
			for _, it := range items {
				if it.Reject != nil || it.Doc.Raw != files[strings.TrimPrefix(it.Doc.Path, dir+"/")] {
					t.Fatalf("manifest %q: item %+v", manifest, it)
				}
				if it.Doc.MetaSource == "" && it.Doc.Meta != (model.Meta{}) {
					t.Fatalf("manifest %q: metadata %+v without a source", manifest, it.Doc.Meta)
				}
			}
			_, again, err := readAll([]string{dir}, opts)
			if err != nil || !reflect.DeepEqual(items, again) {
				t.Fatalf("manifest %q: reading twice gave different items (%v)", manifest, err)
			}
		}
	})
}
