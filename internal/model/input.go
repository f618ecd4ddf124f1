package model

// Meta is metadata supplied from outside the page: a manifest sidecar line
// or the fields of a JSONL record. A non-empty field overrides what the
// extract stage finds in the page itself.
type Meta struct {
	URL            string `json:"url,omitempty"`
	Outlet         string `json:"outlet,omitempty"`
	Title          string `json:"title,omitempty"`
	Author         string `json:"author,omitempty"`
	Published      string `json:"published,omitempty"`
	Dateline       string `json:"dateline,omitempty"`
	SyndicatedFrom string `json:"syndicated_from,omitempty"`
	Language       string `json:"language,omitempty"`
}

// Document is one raw input record as ingest read it, before extraction.
type Document struct {
	// Path is the input file's path as given; Line the 1-based line of a
	// JSONL record, 0 for whole files.
	Path string
	Line int
	// Format is "txt" or "html": how Raw is to be read.
	Format string
	// Container is the file format the record came in ("txt", "html",
	// "jsonl"), which may differ from Format for JSONL records.
	Container string
	// Raw is the decoded content: valid UTF-8 (ingest repairs or rejects
	// anything else).
	Raw string
	// Meta holds outside metadata; Source names where it came from
	// ("manifest", "jsonl") so that date candidates can say so.
	Meta       Meta
	MetaSource string
	// Diagnostics found while reading (for instance repaired encoding); the
	// extract stage copies them onto the article.
	Diagnostics []Diagnostic
}
