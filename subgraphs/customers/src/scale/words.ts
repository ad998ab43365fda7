/*
 * What the customers scale data is written with: Quebec names in French and
 * English, phone area codes, e-mail domains, and the wording of records.
 */

/** Common given names and surnames of Quebec, French and English. */
export const NAMES = {
  fr: {
    first: [
      'Jean', 'Marie', 'Louis', 'Sophie', 'Mathieu', 'Isabelle', 'Nathalie', 'Sylvie', 'Pierre', 'François', 'Julie', 'Catherine',
      'Marc', 'Luc', 'Geneviève', 'Stéphane', 'Martin', 'Chantal', 'Éric', 'Mélanie', 'Guillaume', 'Émilie', 'Alexandre', 'Annie',
      'Josée', 'Patrick', 'Caroline', 'Sébastien', 'Véronique', 'Simon', 'Valérie', 'Maxime', 'Karine', 'Gabriel', 'Chloé',
      'Olivier', 'Léa', 'Félix', 'Camille', 'Étienne', 'Denis', 'Hélène', 'Réjean', 'Francine', 'Gaétan', 'Lise', 'Benoît', 'Manon',
    ],
    last: [
      'Tremblay', 'Gagnon', 'Roy', 'Côté', 'Bouchard', 'Gauthier', 'Morin', 'Lavoie', 'Fortin', 'Gagné', 'Ouellet', 'Pelletier',
      'Bélanger', 'Lévesque', 'Bergeron', 'Leblanc', 'Paquette', 'Girard', 'Simard', 'Boucher', 'Caron', 'Beaulieu', 'Cloutier',
      'Dubé', 'Poirier', 'Fournier', 'Lapointe', 'Leclerc', 'Lefebvre', 'Poulin', 'Thibault', 'St-Pierre', 'Nadeau', 'Martin',
      'Landry', 'Martel', 'Bédard', 'Grenier', 'Lessard', 'Bernier', 'Richard', 'Michaud', 'Hébert', 'Desjardins', 'Couture',
      'Turcotte', 'Lachance', 'Parent', 'Blais', 'Gosselin', 'Savard', 'Proulx', 'Beaudoin', 'Demers', 'Perron', 'Boudreau',
      'Lemieux', 'Cyr', 'Perreault', 'Dufour', 'Dion', 'Mercier', 'Bolduc', 'Bérubé', 'Tessier', 'Ménard', 'Lacroix', 'Vachon',
    ],
    companies: [
      'Boulangerie {last}', 'Garage {last} inc.', 'Construction {last} ltée', 'Transport {last} & Fils', '{last} Électrique inc.',
      'Ferme {last} enr.', 'Dépanneur {last}', 'Pharmacie {first} {last}', 'Restaurant Chez {first}', 'Notaires {last} et associés',
      'Clinique dentaire {last}', 'Quincaillerie {last}',
    ],
  },
  en: {
    first: [
      'James', 'Michael', 'Sarah', 'Emily', 'David', 'Jennifer', 'Robert', 'Jessica', 'William', 'Ashley', 'Daniel', 'Amanda',
      'Matthew', 'Laura', 'Christopher', 'Heather', 'Andrew', 'Rebecca', 'Ryan', 'Megan', 'Kevin', 'Susan', 'Brian', 'Karen',
    ],
    last: [
      'Smith', 'Brown', 'Wilson', 'Taylor', 'Campbell', 'Anderson', 'MacDonald', 'Stewart', 'Thompson', 'Young', 'Scott', 'Murray',
      'Reid', 'Walker', 'Robertson', 'Johnston', 'Morrison', 'Fraser', 'Kelly', "O'Brien", 'Ross', 'Graham', 'Hamilton', 'Murphy',
    ],
    companies: ['{last} Construction Ltd.', '{last} & Sons', '{last} Consulting Inc.', '{last} Plumbing', '{first} {last} Design', '{last} Auto Repair'],
  },
};

/** Quebec area codes. */
export const AREA_CODES = ['450', '514', '438', '579', '819', '873', '418', '581', '367'];
export const EMAIL_DOMAINS = ['videotron.ca', 'gmail.com', 'hotmail.com', 'outlook.com', 'bell.net', 'sympatico.ca', 'yahoo.ca', 'icloud.com'];

/** A name part as the local part of an e-mail address: no accents, no spaces or apostrophes. */
export const slug = (sql: string) =>
  `regexp_replace(lower(translate(${sql}, 'àâäéèêëîïôöùûüçÀÂÄÉÈÊËÎÏÔÖÙÛÜÇ', 'aaaeeeeiioouuucAAAEEEEIIOOUUUC')), '[^a-z0-9]+', '', 'g')`;


/** Wording by the customer's language: `[french, english]` lists, passed to SQL as two text arrays. */
export interface Bilingual {
  fr: string[];
  en: string[];
}

export const CONTACT_ROLES: Bilingual = {
  fr: ['Direction', 'Comptabilité', 'Achats', 'Informatique', 'Réception', 'Propriétaire'],
  en: ['Management', 'Accounting', 'Purchasing', 'IT', 'Front desk', 'Owner'],
};
export const SPOUSE: Bilingual = { fr: ['Conjoint(e)'], en: ['Spouse'] };

export const SALES_REPS = ['Marie Dupont', 'Jean Tremblay', 'Sophie Gagnon', 'Luc Bergeron', 'Karen Wilson', 'Éric Lavoie'];
export const SECTORS = ['Construction', 'Restauration', 'Commerce de détail', 'Santé', 'Transport', 'Agriculture', 'Services professionnels'];
export const LEGAL_FORMS = ['Inc.', 'Ltée', 'S.E.N.C.', 'Entreprise individuelle', 'Coopérative'];

export const ISP_MAILBOX = 'service@scale-isp.ca';

export const NOTES: Bilingual = {
  fr: [
    'Préfère être contacté en soirée.',
    'Client de longue date, toujours payé à temps.',
    'A demandé une soumission pour la fibre 1 Gbit/s.',
    'Attention : chien sur le terrain lors des visites.',
    'Appelle souvent pour le Wi-Fi à l’étage; suggérer un répéteur.',
    'Entente de paiement respectée, à surveiller le mois prochain.',
    'Travaille de nuit : ne pas appeler avant 13 h.',
    'Accès au sous-sol par la porte de côté.',
  ],
  en: [
    'Prefers to be called in the evening.',
    'Long-time customer, always pays on time.',
    'Asked for a quote for 1 Gbps fibre.',
    'Beware of the dog on site visits.',
    'Often calls about Wi-Fi upstairs; suggest a mesh extender.',
    'Payment arrangement kept; check again next month.',
    'Works nights: do not call before 1 pm.',
    'Basement access through the side door.',
  ],
};

export const EMAIL_SUBJECTS: Bilingual = {
  fr: ['Votre facture du mois', 'Question sur mon forfait', 'Rendez-vous d’installation', 'Changement d’adresse', 'Panne de service', 'Reçu de paiement'],
  en: ['Your monthly bill', 'Question about my plan', 'Installation appointment', 'Change of address', 'Service outage', 'Payment receipt'],
};
export const EMAIL_EXCERPTS: { inbound: Bilingual; outbound: Bilingual } = {
  inbound: {
    fr: ['Bonjour, j’aurais une question concernant mon compte.', 'Bonjour, mon service coupe depuis hier soir.', 'Pouvez-vous me rappeler demain matin?'],
    en: ['Hello, I have a question about my account.', 'Hi, my service keeps dropping since last night.', 'Could you call me back tomorrow morning?'],
  },
  outbound: {
    fr: ['Bonjour, merci pour votre message. Voici la réponse à votre question.', 'Votre rendez-vous est confirmé.', 'Nous avons bien reçu votre paiement.'],
    en: ['Hello, thank you for your message. Here is the answer to your question.', 'Your appointment is confirmed.', 'We received your payment.'],
  },
};

/** The note of a life event, by kind and language (`$n::jsonb -> kind ->> language` in SQL). */
export const LIFE_EVENT_NOTES: Record<string, { fr: string; en: string }> = {
  WEDDING: { fr: 'Offrir le forfait famille après le mariage.', en: 'Offer the family plan after the wedding.' },
  MOVE: { fr: 'Déménagement prévu : transférer le service.', en: 'Moving soon: transfer the service.' },
  FLIGHT: { fr: 'Voyage à l’étranger : suspendre la télé?', en: 'Travelling abroad: pause TV?' },
  BUSINESS_MILESTONE: { fr: 'Anniversaire de fondation', en: 'Founding anniversary' },
};
