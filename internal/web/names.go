package web

import (
	"strings"
	"sync"

	"github.com/sitrep/sitrep/internal/actors"
	"github.com/sitrep/sitrep/internal/events"
)

// Names turns codes into words: actor codes into names ("IRN" → "Iran")
// and CAMEO codes into their codebook labels. The zero value knows no
// names and shows codes as they are.
type Names struct {
	// ActorName returns the canonical name of an actor code, or "".
	ActorName func(code string) string
	// Codes is the CAMEO code table, keyed by code.
	Codes map[string]events.Code
}

var (
	defaultNamesOnce sync.Once
	defaultNames     Names
)

// DefaultNames returns the names of the built-in actor knowledge base and
// CAMEO code table, loaded once. A table that fails to load is left out
// (codes are then shown as codes).
func DefaultNames() Names {
	defaultNamesOnce.Do(func() {
		if kb, err := actors.Default(); err == nil {
			defaultNames.ActorName = kb.Code
		}
		if codes, err := events.Codes(); err == nil {
			defaultNames.Codes = codes
		}
	})
	return defaultNames
}

// Actor returns the name of code, or the code itself when unknown, or
// "(unresolved)" for "".
func (n Names) Actor(code string) string {
	if code == "" {
		return "(unresolved)"
	}
	if n.ActorName != nil {
		if name := n.ActorName(code); name != "" {
			return name
		}
	}
	return code
}

// ActorLabel returns "Name (CODE)" or just the code when it has no name.
func (n Names) ActorLabel(code string) string {
	name := n.Actor(code)
	if name == code || code == "" {
		return name
	}
	return name + " (" + code + ")"
}

// Action returns a short phrase for a CAMEO code: its codebook label
// without "not specified below", lower-cased ("reject"), or the PLOVER
// type, or the code.
func (n Names) Action(cameo, plover string) string {
	if c, ok := n.Codes[cameo]; ok && c.Name != "" {
		name := c.Name
		for _, cut := range []string{", not specified below", " not specified below"} {
			name = strings.TrimSuffix(name, cut)
		}
		return strings.ToLower(name[:1]) + name[1:]
	}
	if plover != "" {
		return strings.ToLower(plover)
	}
	if cameo != "" {
		return "CAMEO " + cameo
	}
	return "(uncoded)"
}

// quadNames names the quad classes, indexed by class.
var quadNames = [...]string{"", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"}

// quadColors colours the quad classes (colour-blind safe diverging pairs:
// greens for cooperation, oranges and reds for conflict).
var quadColors = [...]string{"#999999", "#7fbf7b", "#1b7837", "#f1a340", "#b2182b"}

// QuadName names quad class q.
func QuadName(q int) string {
	if q < 1 || q > 4 {
		return "unknown"
	}
	return quadNames[q]
}

func quadColor(q int) string {
	if q < 1 || q > 4 {
		return quadColors[0]
	}
	return quadColors[q]
}
