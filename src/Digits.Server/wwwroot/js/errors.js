// The one place the page shows what went wrong, in words from the server's problem+json.

const box = document.querySelector("[data-testid=error]");
box.querySelector(".error-close").addEventListener("click", hideError);

export function showError(error) {
  box.querySelector(".error-title").textContent = error.title ?? "Something went wrong.";
  box.querySelector(".error-detail").textContent = error.message ?? String(error);
  box.hidden = false;
}

export function hideError() {
  box.hidden = true;
}
