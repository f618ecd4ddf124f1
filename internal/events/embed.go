package events

import _ "embed"

// codesTSV is the generated code table (see GenerateCodes).
//
//go:embed data/codes.tsv
var codesTSV []byte

// verbsYAML is the project's verb-pattern dictionary.
//
//go:embed data/verbs.yaml
var verbsYAML []byte
