package alignments

import (
	"fmt"
	"io"
	"strings"
)

// WriteText writes a result as plain text: blocs with confidences,
// bridges, the relations stated outright, and the stances toward each initiative with their evidence
// (article and byte span, and the sentence when texts has the article).
func WriteText(w io.Writer, r Result, texts map[string]string) error {
	var b strings.Builder
	win := "all dates"
	if r.From != "" || r.To != "" {
		win = fmt.Sprintf("%s .. %s", orDots(r.From), orDots(r.To))
	}
	fmt.Fprintf(&b, "Alignments (%s): %d actors, %d ties, %d blocs, signed modularity %.3f\n",
		win, len(r.Network.Nodes), len(r.Network.Edges), len(r.Blocs), r.Modularity)
	for _, bl := range r.Blocs {
		var ms []string
		for _, m := range bl.Members {
			ms = append(ms, fmt.Sprintf("%s %.2f", m.Actor, m.Confidence))
		}
		fmt.Fprintf(&b, "  bloc %d: %s\n", bl.ID, strings.Join(ms, ", "))
	}
	for _, br := range r.Bridges {
		var ids []string
		for _, l := range br.Blocs {
			ids = append(ids, fmt.Sprint(l))
		}
		fmt.Fprintf(&b, "  bridge: %s (blocs %s)\n", br.Actor, strings.Join(ids, ", "))
	}
	for _, rel := range r.Relations {
		fmt.Fprintf(&b, "  %s: %s and %s, %s %d-%d (%s)", rel.Kind, rel.A, rel.B, rel.Evidence.Article, rel.Evidence.Start, rel.Evidence.End, rel.Cue)
		if t, ok := texts[rel.Evidence.Article]; ok && rel.Evidence.End <= len(t) && rel.Evidence.Start >= 0 && rel.Evidence.Start <= rel.Evidence.End {
			fmt.Fprintf(&b, " %s", clip(t[rel.Evidence.Start:rel.Evidence.End], 160))
		}
		b.WriteString("\n")
	}
	for _, ini := range r.Initiatives {
		if len(ini.Stances) == 0 {
			continue
		}
		fmt.Fprintf(&b, "Initiative %s (%s), %d sentences:\n", ini.ID, ini.Label, ini.Mentions)
		for _, s := range ini.Stances {
			fmt.Fprintf(&b, "  %-5s %s", s.Actor, StanceText(s))
			if len(s.Persons) > 0 {
				fmt.Fprintf(&b, " [%s]", strings.Join(s.Persons, "; "))
			}
			b.WriteString("\n")
			for _, e := range s.Evidence {
				fmt.Fprintf(&b, "        %s %d-%d (%s)", e.Article, e.Start, e.End, e.Cue)
				if t, ok := texts[e.Article]; ok && e.End <= len(t) && e.Start >= 0 && e.Start <= e.End {
					fmt.Fprintf(&b, " %s", clip(t[e.Start:e.End], 160))
				}
				b.WriteString("\n")
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// StanceText describes a stance summary in words ("refuses",
// "conditional: only if IRN absent", "excluded by USA").
func StanceText(s StanceSummary) string {
	switch s.Kind {
	case Conditional:
		return fmt.Sprintf("conditional: takes part only if %s %s", s.On, s.Condition)
	case Excluded, Invited:
		if len(s.By) > 0 {
			return s.Kind + " by " + strings.Join(s.By, ", ")
		}
	}
	return s.Kind
}

func orDots(s string) string {
	if s == "" {
		return "…"
	}
	return s
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && (s[cut]&0xC0) == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}
