// Two tabs over two panels (ARIA tabs): click or arrow keys to switch. Returns the function that selects one by name.

export function tabs(byName) {
  const names = Object.keys(byName);
  function select(name) {
    for (const [key, tab] of Object.entries(byName)) {
      const selected = key === name;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
      document.getElementById(tab.getAttribute("aria-controls")).hidden = !selected;
    }
  }
  for (const [name, tab] of Object.entries(byName)) {
    tab.addEventListener("click", () => select(name));
    tab.addEventListener("keydown", (e) => {
      if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
      const other = names[(names.indexOf(name) + 1) % names.length];
      select(other);
      byName[other].focus();
    });
  }
  return select;
}
