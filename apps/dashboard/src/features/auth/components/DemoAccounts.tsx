import { useTranslation } from 'react-i18next';

// Seeded by the API's demo data; harmless to show because they only exist in demo databases.
const demoAccounts = [
  'admin@minka.demo',
  'coordinador@minka.demo',
  'almacen@minka.demo',
  'fondos@minka.demo',
  'lider@minka.demo',
  'donante@minka.demo',
];
const demoPassword = 'minka-demo-2026';

export function DemoAccounts() {
  const { t } = useTranslation();
  return (
    <details className="demo">
      <summary>{t('auth.demoTitle')}</summary>
      <ul>
        {demoAccounts.map((account) => (
          <li key={account}>
            <code>{account}</code>
          </li>
        ))}
      </ul>
      <p>{t('auth.demoText', { password: demoPassword })}</p>
    </details>
  );
}
