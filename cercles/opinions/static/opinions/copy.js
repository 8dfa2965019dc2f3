// "Copier" buttons next to the quotes of the opinion map: shown only with JavaScript
// (without it, the text is selected and copied by hand from its box).
document.querySelectorAll("button[data-copy]").forEach((button) => {
  button.hidden = false;
  const label = button.textContent;
  button.addEventListener("click", async () => {
    const box = document.getElementById(button.dataset.copy);
    box.select();
    try {
      await navigator.clipboard.writeText(box.value);
    } catch (error) {
      document.execCommand("copy");
    }
    button.textContent = button.dataset.copied;
    setTimeout(() => { button.textContent = label; }, 2000);
  });
});
