package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sitrep/sitrep/internal/model"
)

// DefaultMaxBytes is the largest input (one file after decompression, or one
// JSONL line) read when Options.MaxBytes is 0. News pages are far smaller;
// anything larger is almost surely not an article.
const DefaultMaxBytes = 16 << 20

// ManifestName is the sidecar file name picked up automatically from an
// ingested directory when no manifest is given.
const ManifestName = "manifest.jsonl"

// Options configures reading.
type Options struct {
	// Manifest is the path of a manifest sidecar (JSONL with "file" and
	// metadata fields). When empty, a manifest.jsonl found in an ingested
	// directory is used for the files below it.
	Manifest string
	// MaxBytes bounds one input; 0 means DefaultMaxBytes.
	MaxBytes int64
}

// Item is one input read: a document to process or a rejection.
type Item struct {
	// Doc is the document; for a rejection only Path and Line are set.
	Doc model.Document
	// Reject is non-nil when the input was rejected; it names the file
	// and line and says why.
	Reject *model.Diagnostic
}

// Plan is the list of files an ingest run reads, found before reading so
// that progress can be shown against a known total.
type Plan struct {
	// Files are the input files in reading order.
	Files []string
	// Bytes is the files' total size on disk.
	Bytes int64
	// Problems are paths that could not be used (missing, unreadable,
	// unsupported type), one diagnostic each; Read yields them as
	// rejected inputs.
	Problems []model.Diagnostic
	// Warnings are problems that reject no input: manifest lines that
	// could not be read (their files are read without that metadata).
	// Read does not yield them; the caller reports them.
	Warnings []model.Diagnostic
	// Skipped counts files of other types found while walking directories
	// (README.md, images, ...); they are not inputs.
	Skipped int

	opts      Options
	manifests map[string]map[string]manifestEntry // directory -> file key -> entry
	// manifestFiles are the manifest paths in use, not inputs themselves.
	manifestFiles map[string]bool
}

// manifestEntry is one manifest line.
type manifestEntry struct {
	File string `json:"file"`
	model.Meta
}

// supported reports whether a file name has an input extension.
func supported(name string) bool {
	n := strings.ToLower(name)
	n = strings.TrimSuffix(n, ".gz")
	for _, ext := range []string{".txt", ".html", ".htm", ".jsonl"} {
		if strings.HasSuffix(n, ext) {
			return true
		}
	}
	return false
}

// NewPlan walks paths (files and directories, recursively) and loads
// manifests. Problems with individual paths are recorded in the plan, not
// returned: an error means the manifest named in opts is unusable.
func NewPlan(paths []string, opts Options) (*Plan, error) {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	p := &Plan{opts: opts, manifests: map[string]map[string]manifestEntry{}, manifestFiles: map[string]bool{}}
	if opts.Manifest != "" {
		m, probs, err := readManifest(opts.Manifest)
		if err != nil {
			return nil, err
		}
		p.Warnings = append(p.Warnings, probs...)
		p.manifests[""] = m
		p.manifestFiles[filepath.Clean(opts.Manifest)] = true
	}
	seen := map[string]bool{}
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			p.problem(root, "unreadable", "cannot read input: %v", err)
			continue
		}
		if !info.IsDir() {
			if !supported(root) {
				p.problem(root, "unsupported", "unsupported file type (want .txt, .html, .htm, .jsonl, optionally .gz)")
				continue
			}
			p.add(root, info.Size(), seen)
			continue
		}
		if opts.Manifest == "" {
			mp := filepath.Join(root, ManifestName)
			if _, err := os.Stat(mp); err == nil {
				m, probs, err := readManifest(mp)
				if err != nil {
					p.problem(mp, "manifest", "%v", err)
				} else {
					p.Warnings = append(p.Warnings, probs...)
					p.manifests[filepath.Clean(root)] = m
					p.manifestFiles[filepath.Clean(mp)] = true
				}
			}
		}
		var files []string
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				p.problem(path, "unreadable", "cannot read: %v", err)
				return nil
			}
			if d.IsDir() {
				if path != root && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				// Symlinked files are followed; a symlink that cannot be
				// resolved (dangling, or a loop) is reported; symlinked
				// directories are not followed, so a walk always ends.
				info, err := os.Stat(path)
				switch {
				case err != nil:
					if supported(d.Name()) {
						p.problem(path, "unreadable", "cannot follow symbolic link: %v", err)
					}
					return nil
				case !info.Mode().IsRegular():
					p.Skipped++
					return nil
				}
			} else if !d.Type().IsRegular() {
				return nil
			}
			if p.manifestFiles[filepath.Clean(path)] {
				return nil
			}
			if !supported(d.Name()) {
				p.Skipped++
				return nil
			}
			files = append(files, path)
			return nil
		})
		if err != nil {
			p.problem(root, "unreadable", "cannot walk: %v", err)
		}
		sort.Strings(files)
		for _, f := range files {
			if info, err := os.Stat(f); err == nil {
				p.add(f, info.Size(), seen)
			}
		}
	}
	return p, nil
}

func (p *Plan) add(path string, size int64, seen map[string]bool) {
	key := filepath.Clean(path)
	if seen[key] || p.manifestFiles[key] {
		return
	}
	seen[key] = true
	p.Files = append(p.Files, path)
	p.Bytes += size
}

func (p *Plan) problem(path, code, format string, args ...any) {
	p.Problems = append(p.Problems, model.Diagnostic{Severity: model.Error, Stage: "ingest", Code: code,
		Message: fmt.Sprintf(format, args...), File: path})
}

// readManifest loads a manifest sidecar. Malformed lines become
// diagnostics; an unreadable file is an error.
func readManifest(path string) (map[string]manifestEntry, []model.Diagnostic, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("manifest: %w", err)
	}
	m := map[string]manifestEntry{}
	var probs []model.Diagnostic
	for i, line := range bytes.Split(b, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		var e manifestEntry
		if err := json.Unmarshal(line, &e); err != nil || e.File == "" {
			msg := "manifest line has no \"file\" field"
			if err != nil {
				msg = "manifest line is not valid JSON: " + err.Error()
			}
			probs = append(probs, model.Diagnostic{Severity: model.Warning, Stage: "ingest", Code: "manifest",
				Message: msg, File: path, Line: i + 1})
			continue
		}
		m[e.File] = e
		m[filepath.Base(e.File)] = e
	}
	return m, probs, nil
}

// metaFor returns the manifest entry for a file: from the explicit manifest,
// else from the nearest enclosing directory's.
func (p *Plan) metaFor(path string) (model.Meta, bool) {
	if m, ok := p.manifests[""]; ok {
		if e, ok := m[filepath.Base(path)]; ok {
			return e.Meta, true
		}
		if e, ok := m[path]; ok {
			return e.Meta, true
		}
	}
	for dir := filepath.Dir(filepath.Clean(path)); ; dir = filepath.Dir(dir) {
		if m, ok := p.manifests[dir]; ok {
			rel, _ := filepath.Rel(dir, path)
			if e, ok := m[rel]; ok {
				return e.Meta, true
			}
			if e, ok := m[filepath.Base(path)]; ok {
				return e.Meta, true
			}
		}
		if parent := filepath.Dir(dir); parent == dir {
			break
		}
	}
	return model.Meta{}, false
}

// Read reads every planned file in order and calls yield with each item and
// the number of input bytes consumed so far. Plan problems are yielded
// first as rejections. Read stops early when yield or ctx returns an error.
func (p *Plan) Read(ctx context.Context, yield func(it Item, done int64) error) error {
	for i := range p.Problems {
		if err := yield(Item{Doc: model.Document{Path: p.Problems[i].File, Line: p.Problems[i].Line}, Reject: &p.Problems[i]}, 0); err != nil {
			return err
		}
	}
	var done int64
	for _, path := range p.Files {
		if err := ctx.Err(); err != nil {
			return err
		}
		size := int64(0)
		if info, err := os.Stat(path); err == nil {
			size = info.Size()
		}
		err := p.readFile(path, func(it Item) error { return yield(it, done) })
		done += size
		if err != nil {
			return err
		}
	}
	return nil
}

// readFile reads one file into items.
func (p *Plan) readFile(path string, yield func(Item) error) error {
	meta, hasMeta := p.metaFor(path)
	reject := rejecter(path, yield)
	f, err := os.Open(path)
	if err != nil {
		return reject(0, "unreadable", "cannot open: %v", err)
	}
	defer f.Close()
	var r io.Reader = f
	name := strings.ToLower(path)
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return reject(0, "bad-gzip", "not a valid gzip file: %v", err)
		}
		defer zr.Close()
		r = zr
		name = strings.TrimSuffix(name, ".gz")
	}
	if strings.HasSuffix(name, ".jsonl") {
		return p.readJSONL(path, r, meta, yield)
	}
	b, err := io.ReadAll(io.LimitReader(r, p.opts.MaxBytes+1))
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) {
			return reject(0, "bad-gzip", "truncated or corrupt gzip data: %v", err)
		}
		return reject(0, "unreadable", "read failed: %v", err)
	}
	if int64(len(b)) > p.opts.MaxBytes {
		return reject(0, "too-large", "input larger than the %d MiB limit", p.opts.MaxBytes>>20)
	}
	format := "txt"
	if strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".htm") {
		format = "html"
	}
	doc := model.Document{Path: path, Format: format, Container: format, Meta: meta}
	if hasMeta {
		doc.MetaSource = "manifest"
	}
	raw, diag, bad := decode(b, format)
	if bad != "" {
		return reject(0, badCode(bad), "%s", bad)
	}
	doc.Raw = raw
	if diag != "" {
		doc.Diagnostics = append(doc.Diagnostics, model.Diagnostic{Severity: model.Warning, Stage: "ingest",
			Code: "encoding", Message: diag, File: path})
	}
	return yield(Item{Doc: doc})
}

// rejecter returns a function that yields a rejection of path (at a JSONL
// line, or 0 for the whole file) with a formatted reason.
func rejecter(path string, yield func(Item) error) func(line int, code, format string, args ...any) error {
	return func(line int, code, format string, args ...any) error {
		d := model.Diagnostic{Severity: model.Error, Stage: "ingest", Code: code,
			Message: fmt.Sprintf(format, args...), File: path, Line: line}
		return yield(Item{Doc: model.Document{Path: path, Line: line}, Reject: &d})
	}
}

// badCode maps a decode rejection message to a diagnostic code.
func badCode(msg string) string {
	switch {
	case strings.HasPrefix(msg, "empty"):
		return "empty"
	case strings.HasPrefix(msg, "binary"):
		return "binary"
	}
	return "undecodable"
}

// record is one JSONL input line.
type record struct {
	Text           string `json:"text"`
	HTML           string `json:"html"`
	URL            string `json:"url"`
	Title          string `json:"title"`
	Published      string `json:"published"`
	Outlet         string `json:"outlet"`
	Author         string `json:"author"`
	Dateline       string `json:"dateline"`
	SyndicatedFrom string `json:"syndicated_from"`
	Language       string `json:"language"`
}

// readJSONL reads one article per line. Lines longer than MaxBytes are
// rejected without being held in memory whole.
func (p *Plan) readJSONL(path string, r io.Reader, fileMeta model.Meta, yield func(Item) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	reject := rejecter(path, yield)
	var buf []byte
	for lineNo := 1; ; lineNo++ {
		buf = buf[:0]
		tooLong := false
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			if !tooLong {
				if int64(len(buf)+len(chunk)) > p.opts.MaxBytes {
					tooLong, buf = true, buf[:0]
				} else {
					buf = append(buf, chunk...)
				}
			}
			if err != bufio.ErrBufferFull {
				break
			}
		}
		if err != nil && err != io.EOF {
			if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrChecksum) {
				return reject(lineNo, "bad-gzip", "truncated or corrupt gzip data at line %d: %v", lineNo, err)
			}
			return reject(lineNo, "unreadable", "read failed at line %d: %v", lineNo, err)
		}
		line := bytes.TrimSpace(buf)
		switch {
		case tooLong:
			if e := reject(lineNo, "too-large", "line longer than the %d MiB limit", p.opts.MaxBytes>>20); e != nil {
				return e
			}
		case len(line) == 0:
		default:
			if e := p.jsonlRecord(path, lineNo, line, fileMeta, yield, reject); e != nil {
				return e
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

func (p *Plan) jsonlRecord(path string, lineNo int, line []byte, fileMeta model.Meta, yield func(Item) error,
	reject func(int, string, string, ...any) error) error {
	var rec record
	if err := json.Unmarshal(line, &rec); err != nil {
		return reject(lineNo, "bad-json", "malformed JSON: %v", err)
	}
	format, content := "txt", rec.Text
	if strings.TrimSpace(rec.Text) == "" {
		format, content = "html", rec.HTML
	}
	if strings.TrimSpace(content) == "" {
		return reject(lineNo, "no-content", "record has neither \"text\" nor \"html\"")
	}
	meta := model.Meta{URL: rec.URL, Title: rec.Title, Published: rec.Published, Outlet: rec.Outlet,
		Author: rec.Author, Dateline: rec.Dateline, SyndicatedFrom: rec.SyndicatedFrom, Language: rec.Language}
	// The manifest entry for the JSONL file fills what the record leaves out.
	for _, f := range []struct {
		dst *string
		src string
	}{
		{&meta.URL, fileMeta.URL}, {&meta.Title, fileMeta.Title}, {&meta.Published, fileMeta.Published},
		{&meta.Outlet, fileMeta.Outlet}, {&meta.Author, fileMeta.Author}, {&meta.Dateline, fileMeta.Dateline},
		{&meta.SyndicatedFrom, fileMeta.SyndicatedFrom}, {&meta.Language, fileMeta.Language},
	} {
		if *f.dst == "" {
			*f.dst = f.src
		}
	}
	raw, diag, bad := decode([]byte(content), format)
	if bad != "" {
		return reject(lineNo, badCode(bad), "%s", bad)
	}
	doc := model.Document{Path: path, Line: lineNo, Format: format, Container: "jsonl", Raw: raw, Meta: meta, MetaSource: "jsonl"}
	if diag != "" {
		doc.Diagnostics = append(doc.Diagnostics, model.Diagnostic{Severity: model.Warning, Stage: "ingest",
			Code: "encoding", Message: diag, File: path, Line: lineNo})
	}
	return yield(Item{Doc: doc})
}
