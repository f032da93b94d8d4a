// A Next.js App Router app as a shop would write it, built and served from the packed kit by
// test/package/frameworks.test.ts. Plain JavaScript: Next.js would otherwise install TypeScript itself.
export const metadata = { title: 'Tea shop' };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
