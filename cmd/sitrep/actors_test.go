package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestActorsCommands runs "sitrep actors" and "sitrep eval ner" in
// process on inputs written for the test.
func TestActorsCommands(t *testing.T) {
	dir := t.TempDir()
	art := filepath.Join(dir, "a.txt")
	text := "Oslo talks stall\n\nNorwegian Foreign Minister Ingrid Dahl met envoys of the African Union in Oslo on Monday. Dahl said the talks would resume.\n"
	if err := os.WriteFile(art, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"actors", "--published", "2016-05-02", art}, &out, &errOut); code != 0 {
		t.Fatalf("actors exited %d: %s", code, errOut.String())
	}
	found := map[string]map[string]any{}
	for line := range strings.SplitSeq(strings.TrimSpace(out.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("bad record %q: %v", line, err)
		}
		if rec["type"] != "mention" {
			t.Errorf("record type %v", rec["type"])
		}
		found[rec["text"].(string)] = rec
	}
	if r := found["Ingrid Dahl"]; r == nil || r["actor"] != "NOR" || r["sector"] != "GOV" || r["person"] != "Ingrid Dahl" {
		t.Errorf("Ingrid Dahl: %v", r)
	}
	if r := found["African Union"]; r == nil || r["actor"] != "AU" {
		t.Errorf("African Union: %v", r)
	}

	iob := filepath.Join(dir, "t.iob2")
	data := "# newdoc id = d\n1\tIngrid\tB-PER\n2\tDahl\tI-PER\n3\tvisited\tO\n4\tOslo\tB-LOC\n5\t.\tO\n"
	if err := os.WriteFile(iob, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if code := run(context.Background(), []string{"eval", "ner", "--data", iob}, &out, &errOut); code != 0 {
		t.Fatalf("eval ner exited %d: %s", code, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var res struct {
		Precision, Recall, F1 float64
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &res); err != nil {
		t.Fatalf("last line %q: %v", lines[len(lines)-1], err)
	}
	if res.F1 != 1 {
		t.Errorf("eval ner on two easy names: %+v", res)
	}
}
