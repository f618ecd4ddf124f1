package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name, in, format string
		want             string // "" when rejected
		note             bool
		reject           string
	}{
		{"utf8", "Talks resume in Geneva.", "txt", "Talks resume in Geneva.", false, ""},
		{"bom", "\ufeffTalks resume.", "txt", "Talks resume.", false, ""},
		{"windows-1252", "Caf\xe9 talks \x93resume\x94.", "txt", "Café talks “resume”.", true, ""},
		{"mostly utf8", "Café talks\xff resume.", "txt", "Café talks\ufffd resume.", true, ""},
		{"utf16", "\xff\xfeT\x00a\x00l\x00k\x00s\x00", "txt", "Talks", true, ""},
		{"html charset", `<meta charset="iso-8859-1"><p>Caf` + "\xe9</p>", "html", `<meta charset="iso-8859-1"><p>Café</p>`, true, ""},
		{"empty", " \n\t", "txt", "", false, "empty"},
		{"pdf", "%PDF-1.4 ...", "txt", "", false, "binary"},
		{"nul", "abc\x00def", "txt", "", false, "binary"},
		{"controls", strings.Repeat("\x01\x02\x03a", 10), "txt", "", false, "binary"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, note, rej := decode([]byte(tc.in), tc.format)
			if tc.reject != "" {
				if !strings.HasPrefix(rej, tc.reject) {
					t.Errorf("reject %q, want prefix %q", rej, tc.reject)
				}
				return
			}
			if rej != "" || got != tc.want || (note != "") != tc.note {
				t.Errorf("decode = %q, note %q, reject %q; want %q (note %v)", got, note, rej, tc.want, tc.note)
			}
		})
	}
}

func TestPlanManifests(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, s string) {
		p := filepath.Join(dir, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a/manifest.jsonl", `{"file":"one.txt","outlet":"Dir Outlet","published":"2020-01-02"}`+"\nnot json\n")
	write("a/one.txt", "text one")
	write("a/sub/two.txt", "text two")
	write("a/.hidden/three.txt", "hidden")
	write("a/readme.md", "skip")
	write("b/m.jsonl", `{"file":"one.txt","outlet":"Explicit"}`)

	plan, err := NewPlan([]string{filepath.Join(dir, "a"), filepath.Join(dir, "missing")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Files) != 2 || plan.Skipped != 1 {
		t.Errorf("files %v skipped %d; want one.txt and sub/two.txt, 1 skipped", plan.Files, plan.Skipped)
	}
	if len(plan.Problems) != 1 || plan.Problems[0].Code != "unreadable" || plan.Problems[0].File == "" {
		t.Errorf("problems %v; want the missing path", plan.Problems)
	}
	if len(plan.Warnings) != 1 || plan.Warnings[0].Code != "manifest" || plan.Warnings[0].Line != 2 {
		t.Errorf("warnings %v; want the manifest's second line", plan.Warnings)
	}
	rejected := 0
	var outlets []string
	err = plan.Read(context.Background(), func(it Item, _ int64) error {
		if it.Reject == nil {
			outlets = append(outlets, filepath.Base(it.Doc.Path)+"="+it.Doc.Meta.Outlet+"/"+it.Doc.MetaSource)
		} else {
			rejected++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if rejected != 1 {
		t.Errorf("%d rejected items, want 1 (the missing path; a bad manifest line rejects nothing)", rejected)
	}
	if strings.Join(outlets, ",") != "one.txt=Dir Outlet/manifest,two.txt=/" {
		t.Errorf("metadata %v", outlets)
	}

	// An explicit manifest wins over the directory's.
	plan, err = NewPlan([]string{filepath.Join(dir, "a", "one.txt")}, Options{Manifest: filepath.Join(dir, "b", "m.jsonl")})
	if err != nil {
		t.Fatal(err)
	}
	plan.Read(context.Background(), func(it Item, _ int64) error {
		if it.Doc.Meta.Outlet != "Explicit" {
			t.Errorf("outlet %q, want Explicit", it.Doc.Meta.Outlet)
		}
		return nil
	})
	if _, err := NewPlan(nil, Options{Manifest: filepath.Join(dir, "nope.jsonl")}); err == nil {
		t.Error("a missing explicit manifest must be an error")
	}
}

func TestJSONLLongLine(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "r.jsonl")
	long := `{"text":"` + strings.Repeat("a ", 40000) + `"}`
	ok := `{"text":"A short record about talks.","title":"T"}`
	if err := os.WriteFile(p, []byte(ok+"\n"+long+"\n"+ok), 0o644); err != nil {
		t.Fatal(err)
	}
	plan, err := NewPlan([]string{p}, Options{MaxBytes: 1 << 14})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	plan.Read(context.Background(), func(it Item, _ int64) error {
		if it.Reject != nil {
			got = append(got, it.Reject.Code+":"+strconv.Itoa(it.Reject.Line))
		} else {
			got = append(got, "ok:"+strconv.Itoa(it.Doc.Line))
		}
		return nil
	})
	if strings.Join(got, ",") != "ok:1,too-large:2,ok:3" {
		t.Errorf("got %v", got)
	}
}
