// Loads a Cytoscape.js elements file (stancegraph's .cyjs) into
// Cytoscape.js, headless, and prints what it holds: the nodes' and edges'
// data, and how many nodes it took for compound children. tests/formats.rs
// runs it: node cytoscape.mjs FILE
import cytoscape from "cytoscape";
import { readFileSync } from "node:fs";

const doc = JSON.parse(readFileSync(process.argv[2], "utf8"));
const cy = cytoscape({ headless: true, styleEnabled: false, elements: doc.elements });
process.stdout.write(
  JSON.stringify({
    data: doc.data,
    nodes: cy.nodes().map((n) => n.data()),
    edges: cy.edges().map((e) => e.data()),
    children: cy.nodes().filter((n) => n.isChild()).length,
  }),
);
