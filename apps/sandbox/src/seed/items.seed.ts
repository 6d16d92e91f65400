/** The distributor's catalogue, shared by the ERP (material master, list prices) and the WMS (item master). */
export interface SeedItem {
  readonly sku: string;
  readonly description: string;
  readonly group: string;
  /** Eaches per case (CS). */
  readonly caseQty: number;
  readonly weightKg: string;
  /** List price per each, USD. */
  readonly listPrice: string;
  /** Lots of items with a shelf life expire, so the WMS allocates them first-expired-first-out. */
  readonly shelfLifeMonths?: number;
  /** Not accepted back from customers (ERP custom field YY1_NotReturnable), e.g. hazardous goods. */
  readonly notReturnable?: boolean;
}

export const seedItems: readonly SeedItem[] = [
  {
    sku: 'SKU-1001',
    description: 'Nitrile exam gloves, powder-free, size L, box of 100',
    group: 'GLOVES',
    caseQty: 12,
    weightKg: '0.750',
    listPrice: '9.80',
    shelfLifeMonths: 36,
  },
  {
    sku: 'SKU-1002',
    description: 'Nitrile exam gloves, powder-free, size M, box of 100',
    group: 'GLOVES',
    caseQty: 12,
    weightKg: '0.720',
    listPrice: '9.80',
    shelfLifeMonths: 36,
  },
  { sku: 'SKU-1003', description: 'Cut-resistant gloves ANSI A4, PU palm, size 9, pair', group: 'GLOVES', caseQty: 12, weightKg: '0.120', listPrice: '14.25' },
  { sku: 'SKU-1004', description: 'Leather driver gloves, unlined, size L, pair', group: 'GLOVES', caseQty: 12, weightKg: '0.180', listPrice: '11.40' },
  {
    sku: 'SKU-1005',
    description: 'Hex cap screw 3/8-16 x 1-1/2 in, grade 5, zinc, box of 50',
    group: 'FASTENERS',
    caseQty: 24,
    weightKg: '1.100',
    listPrice: '12.60',
  },
  { sku: 'SKU-1006', description: 'Hex nut 3/8-16, grade 5, zinc, box of 100', group: 'FASTENERS', caseQty: 24, weightKg: '0.900', listPrice: '7.35' },
  { sku: 'SKU-1007', description: 'Flat washer 3/8 in SAE, zinc, box of 100', group: 'FASTENERS', caseQty: 24, weightKg: '0.550', listPrice: '5.20' },
  {
    sku: 'SKU-1008',
    description: 'Self-drilling screw #10 x 3/4 in, hex washer head, box of 250',
    group: 'FASTENERS',
    caseQty: 12,
    weightKg: '1.300',
    listPrice: '18.90',
  },
  { sku: 'SKU-1009', description: 'Wedge anchor 1/2 x 4-1/4 in, zinc, box of 25', group: 'FASTENERS', caseQty: 6, weightKg: '2.400', listPrice: '31.50' },
  {
    sku: 'SKU-1010',
    description: 'Duct tape 2 in x 60 yd, silver, roll',
    group: 'TAPE',
    caseQty: 24,
    weightKg: '0.450',
    listPrice: '6.95',
    shelfLifeMonths: 24,
  },
  {
    sku: 'SKU-1011',
    description: 'Carton sealing tape 2 in x 110 yd, clear, roll',
    group: 'TAPE',
    caseQty: 36,
    weightKg: '0.380',
    listPrice: '3.15',
    shelfLifeMonths: 24,
  },
  {
    sku: 'SKU-1012',
    description: 'Electrical tape 3/4 in x 66 ft, black vinyl, roll',
    group: 'TAPE',
    caseQty: 10,
    weightKg: '0.090',
    listPrice: '2.45',
    shelfLifeMonths: 24,
  },
  {
    sku: 'SKU-1013',
    description: 'Floor marking tape 2 in x 36 yd, yellow, roll',
    group: 'TAPE',
    caseQty: 24,
    weightKg: '0.520',
    listPrice: '12.80',
    shelfLifeMonths: 24,
  },
  { sku: 'SKU-1014', description: 'Safety glasses, clear anti-fog lens, ANSI Z87.1', group: 'EYEWEAR', caseQty: 12, weightKg: '0.040', listPrice: '4.95' },
  { sku: 'SKU-1015', description: 'Hi-vis safety vest, ANSI class 2, size L/XL', group: 'APPAREL', caseQty: 10, weightKg: '0.150', listPrice: '8.75' },
  { sku: 'SKU-1016', description: 'Disposable foam earplugs NRR 32, box of 200 pairs', group: 'HEARING', caseQty: 10, weightKg: '0.600', listPrice: '27.40' },
  { sku: 'SKU-1017', description: 'Cable ties 8 in, 50 lb, black UV, bag of 100', group: 'ELECTRICAL', caseQty: 24, weightKg: '0.170', listPrice: '4.60' },
  {
    sku: 'SKU-1018',
    description: 'Multi-use lubricant, 11 oz aerosol',
    // an aerosol ships as hazardous material (limited quantity): not taken back once it left the warehouse
    notReturnable: true,
    group: 'CHEMICALS',
    caseQty: 12,
    weightKg: '0.420',
    listPrice: '6.85',
    shelfLifeMonths: 36,
  },
  {
    sku: 'SKU-1019',
    description: 'Threadlocker, medium strength blue, 10 ml',
    group: 'CHEMICALS',
    caseQty: 10,
    weightKg: '0.030',
    listPrice: '7.90',
    shelfLifeMonths: 24,
  },
  { sku: 'SKU-1020', description: 'Blue shop towels, roll of 55', group: 'JANITORIAL', caseQty: 12, weightKg: '0.650', listPrice: '3.40' },
  { sku: 'SKU-1021', description: 'Contractor trash bags 42 gal, 3 mil, box of 20', group: 'JANITORIAL', caseQty: 6, weightKg: '3.200', listPrice: '21.60' },
  {
    sku: 'SKU-1022',
    description: 'Cut-off wheel 4-1/2 x 0.045 x 7/8 in, type 1, metal',
    group: 'ABRASIVES',
    caseQty: 25,
    weightKg: '0.060',
    listPrice: '2.15',
  },
  { sku: 'SKU-1023', description: 'Retractable utility knife with 5 blades', group: 'HAND_TOOLS', caseQty: 6, weightKg: '0.200', listPrice: '9.25' },
  {
    sku: 'SKU-1024',
    description: 'AA alkaline batteries, pack of 24',
    group: 'ELECTRICAL',
    caseQty: 12,
    weightKg: '0.580',
    listPrice: '16.95',
    shelfLifeMonths: 60,
  },
];
