package examples

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Corpus holds the built-in example corpus under the directory "corpus":
// raw article files (.txt, .html), a JSON Lines export (.jsonl) and the
// crawler-style metadata sidecar named ManifestName.
//
//go:embed corpus
var Corpus embed.FS

// ManifestName is the base name of the metadata sidecar inside the corpus.
// Each of its lines is a JSON object describing one .txt or .html file
// (file, outlet, title, published, optional dateline and syndicated_from,
// language).
const ManifestName = "manifest.jsonl"

// corpusRoot is the directory inside Corpus that holds the files.
const corpusRoot = "corpus"

// Files returns the base names of all files in the corpus, in lexical order.
func Files() ([]string, error) {
	entries, err := fs.ReadDir(Corpus, corpusRoot)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

// WriteTo copies every corpus file into dir, creating dir if needed, so that
// the CLI can ingest the corpus from disk. Existing files with the same names
// are overwritten.
func WriteTo(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("examples: create %s: %w", dir, err)
	}
	return fs.WalkDir(Corpus, corpusRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(corpusRoot, filepath.FromSlash(path))
		if err != nil {
			return err
		}
		target := filepath.Join(dir, rel)
		if d.IsDir() {
			if rel == "." {
				return nil
			}
			return os.MkdirAll(target, 0o755)
		}
		data, err := Corpus.ReadFile(path)
		if err != nil {
			return err
		}
		if err := os.WriteFile(target, data, 0o644); err != nil {
			return fmt.Errorf("examples: write %s: %w", target, err)
		}
		return nil
	})
}
