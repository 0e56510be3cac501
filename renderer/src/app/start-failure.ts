// The app's code could not be loaded (a damaged installation, a file removed
// under it): nothing of React or the translations is there to show it, so the
// page says it in plain DOM, in Vietnamese, with the detail for a technician.
export function showStartFailure(error: unknown): void {
  const root = document.getElementById('root');
  if (!root) return;
  const title = document.createElement('p');
  title.textContent = 'Không mở được phần mềm Văn thư: thiếu hoặc hỏng tệp chương trình. Hãy cài đặt lại phần mềm.';
  const detail = document.createElement('p');
  detail.textContent = error instanceof Error ? error.message : String(error);
  detail.style.color = '#666';
  root.replaceChildren(title, detail);
  root.dataset.testid = 'start-failure';
}
