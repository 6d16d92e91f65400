/** ERP customer master (business partners in the customer role) and their negotiated prices. */
export interface SeedCustomer {
  readonly id: string;
  readonly name: string;
  readonly city: string;
  readonly postalCode: string;
  readonly region: string;
  readonly country: string;
  readonly taxNumber: string;
  readonly priceGroup: string;
  readonly paymentTerms: string;
  readonly creditLimit: string;
  readonly creditExposure: string;
  readonly creditBlockReason?: string;
  /** Ships complete by default (SAP CompleteDeliveryIsDefined). */
  readonly shipComplete: boolean;
  /** A ship-complete order that cannot ship: `B` backordered whole, `R` rejected. */
  readonly backorderPolicy: 'B' | 'R';
  /** Quantity without inbound supply may be backordered without a date. */
  readonly backorderUndated: boolean;
  /** `S` an invoice per shipment (default), `D` one a day. */
  readonly billingPolicy?: 'S' | 'D';
  /** Days after shipment within which the customer may return goods (YY1_ReturnWindowDays); absent: no window agreed. */
  readonly returnWindowDays?: number;
}

export const seedCustomers: readonly SeedCustomer[] = [
  {
    id: '10100001',
    name: 'Acme Manufacturing Inc.',
    city: 'Cleveland',
    postalCode: '44114',
    region: 'OH',
    country: 'US',
    taxNumber: '34-1827745',
    priceGroup: '02',
    paymentTerms: 'NT30',
    creditLimit: '250000.00',
    creditExposure: '41250.00',
    shipComplete: false,
    backorderPolicy: 'B',
    backorderUndated: false,
    returnWindowDays: 30,
  },
  {
    id: '10100002',
    name: 'Globex Industrial Supply',
    city: 'Houston',
    postalCode: '77002',
    region: 'TX',
    country: 'US',
    taxNumber: '76-0493318',
    priceGroup: '02',
    paymentTerms: 'NT45',
    creditLimit: '150000.00',
    creditExposure: '18730.55',
    shipComplete: true,
    backorderPolicy: 'B',
    backorderUndated: false,
    returnWindowDays: 30,
  },
  {
    id: '10100003',
    name: 'Initech Facilities LLC',
    city: 'Sacramento',
    postalCode: '95814',
    region: 'CA',
    country: 'US',
    taxNumber: '94-3310762',
    priceGroup: '01',
    paymentTerms: 'NT30',
    creditLimit: '75000.00',
    creditExposure: '6120.00',
    shipComplete: true,
    backorderPolicy: 'R',
    backorderUndated: false,
    returnWindowDays: 30,
  },
  {
    id: '10100004',
    name: 'Umbrella Maintenance Co.',
    city: 'Atlanta',
    postalCode: '30303',
    region: 'GA',
    country: 'US',
    taxNumber: '58-2049951',
    priceGroup: '01',
    paymentTerms: 'NT30',
    creditLimit: '50000.00',
    creditExposure: '12400.00',
    shipComplete: false,
    backorderPolicy: 'B',
    backorderUndated: true,
    returnWindowDays: 30,
  },
  {
    id: '10100005',
    name: 'Stark Fabrication Works',
    city: 'Denver',
    postalCode: '80202',
    region: 'CO',
    country: 'US',
    taxNumber: '84-1175520',
    priceGroup: '01',
    paymentTerms: 'NT15',
    creditLimit: '20000.00',
    creditExposure: '23870.40',
    creditBlockReason: 'Overdue receivables past 90 days',
    shipComplete: false,
    backorderPolicy: 'B',
    backorderUndated: false,
    returnWindowDays: 30,
  },
  {
    id: '10100006',
    name: 'Wayne Logistics Services',
    city: 'Chicago',
    postalCode: '60606',
    region: 'IL',
    country: 'US',
    taxNumber: '36-4412087',
    priceGroup: '03',
    paymentTerms: 'NT60',
    creditLimit: '400000.00',
    creditExposure: '95310.75',
    shipComplete: false,
    backorderPolicy: 'B',
    backorderUndated: false,
  },
];

/** Customer-specific PPR0 prices per each (USD); any material not listed falls back to the list price. */
export const seedCustomerPrices: readonly { readonly customer: string; readonly sku: string; readonly price: string }[] = [
  { customer: '10100001', sku: 'SKU-1001', price: '8.90' },
  { customer: '10100001', sku: 'SKU-1002', price: '8.90' },
  { customer: '10100001', sku: 'SKU-1005', price: '11.20' },
  { customer: '10100001', sku: 'SKU-1010', price: '6.10' },
  { customer: '10100001', sku: 'SKU-1014', price: '4.25' },
  { customer: '10100001', sku: 'SKU-1018', price: '6.20' },
  { customer: '10100002', sku: 'SKU-1001', price: '9.15' },
  { customer: '10100002', sku: 'SKU-1003', price: '12.90' },
  { customer: '10100002', sku: 'SKU-1009', price: '28.75' },
  { customer: '10100002', sku: 'SKU-1021', price: '19.40' },
  { customer: '10100004', sku: 'SKU-1020', price: '2.95' },
  { customer: '10100004', sku: 'SKU-1021', price: '18.90' },
  { customer: '10100006', sku: 'SKU-1011', price: '2.70' },
  { customer: '10100006', sku: 'SKU-1017', price: '3.95' },
];
