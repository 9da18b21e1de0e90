// The API key, for a server started with keys: asked for when an answer is 401, kept for this tab only.

const STORAGE = "digits-api-key";
const dialog = document.querySelector("[data-testid=api-key-dialog]");
const input = dialog.querySelector("input");
let pending = null;

export const currentKey = () => sessionStorage.getItem(STORAGE);

/** Asks for a key once however many calls wait for it; resolves to the key, or null when the person cancels. */
export function askForKey(refused) {
  pending ??= new Promise((resolve) => {
    dialog.querySelector(".key-reason").textContent = refused
      ? "The key given was refused; enter another."
      : "This server requires an API key.";
    input.value = "";
    dialog.addEventListener("close", () => {
      const key = dialog.returnValue === "ok" ? input.value.trim() : "";
      if (key) sessionStorage.setItem(STORAGE, key);
      pending = null;
      resolve(key || null);
    }, { once: true });
    dialog.showModal();
  });
  return pending;
}
