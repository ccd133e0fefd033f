/**
 * Names for municipality codes (Statistics Finland's 3-digit codes) the network works with most.
 * Any other valid code is accepted and shown as the code itself.
 */
export const knownMunicipalities: Readonly<Record<string, string>> = {
  '049': 'Espoo',
  '091': 'Helsinki',
  '092': 'Vantaa',
  '167': 'Joensuu',
  '179': 'Jyväskylä',
  '256': 'Kyyjärvi',
  '297': 'Kuopio',
  '398': 'Lahti',
  '425': 'Liminka',
  '426': 'Liperi',
  '564': 'Oulu',
  '609': 'Pori',
  '614': 'Posio',
  '625': 'Pyhäjoki',
  '837': 'Tampere',
  '853': 'Turku',
  '895': 'Uusikaupunki',
};

export function municipalityName(code: string | null | undefined): string {
  if (!code) return '';
  const name = knownMunicipalities[code];
  return name ? `${name} (${code})` : code;
}

export const municipalityOptions = Object.entries(knownMunicipalities)
  .map(([code, name]) => ({ code, name }))
  .sort((a, b) => a.name.localeCompare(b.name, 'fi'));
