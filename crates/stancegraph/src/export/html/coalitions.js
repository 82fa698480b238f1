
  // Coalitions (with --coalitions): a filter to one of them; an edge stays
  // when it touches the coalition and joins nothing of another.
  function coalitionEdge(e) {
    const c = Number(state.coalition);
    const a = nodes[e.s];
    const b = nodes[e.t];
    const fits = (n) => n.coalition === c || n.coalition === undefined;
    return (a.coalition === c || b.coalition === c) && fits(a) && fits(b);
  }
  {
    const label = el("label", "Coalition");
    label.htmlFor = "coalition";
    const pick = el("select");
    pick.id = "coalition";
    const all = el("option", "all coalitions");
    all.value = "";
    pick.append(all);
    for (const c of data.coalitions) {
      const o = el("option", c.label);
      o.value = String(c.number);
      pick.append(o);
    }
    topic.after(label, pick);
    pick.addEventListener("change", () => {
      state.coalition = pick.value;
      recompute();
    });
  }