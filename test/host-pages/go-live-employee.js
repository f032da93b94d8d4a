// The company's workbench page, as the README's token exchange shows it: the page asks its own server for a session
// (the server holds the API key and knows who signed in), and hands the workbench a token provider.
const workbench = document.querySelector('ix-workbench');
workbench.tokenProvider = async () => {
  const answer = await fetch('/go-live/interop-token', { method: 'POST' });
  if (!answer.ok) throw new Error(`the company server answered ${answer.status}`);
  return (await answer.json()).token;
};
