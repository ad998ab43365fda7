import { money, type Resolvers } from '@c360/kit';
import type { BillingContext } from '../../context.ts';
import { customerRef } from '../customer/customer.ref.ts';
import { outstandingOf, type Invoice } from './invoice.entity.ts';
import type { CreateInvoiceInput, IssueInvoiceInput, VoidInvoiceInput } from './invoice.service.ts';

export const invoiceResolvers: Resolvers<BillingContext> = {
  Query: {
    invoice: (_root, args: { id: string }, ctx) => ctx.invoices.get(args.id),
  },
  Mutation: {
    createInvoice: (_root, args: { input: CreateInvoiceInput }, ctx) => ctx.invoices.create(args.input),
    issueInvoice: (_root, args: { input: IssueInvoiceInput }, ctx) => ctx.invoices.issue(args.input),
    voidInvoice: (_root, args: { input: VoidInvoiceInput }, ctx) => ctx.invoices.void(args.input),
  },
  Invoice: {
    __resolveReference: (ref: { id: string }, ctx: BillingContext) => ctx.loaders.invoiceById.load(ref.id),
    customer: (invoice: Invoice) => customerRef(invoice.customerId),
    lines: (invoice: Invoice, _args, ctx) => ctx.invoices.lines(invoice),
    taxes: (invoice: Invoice, _args, ctx) => ctx.invoices.taxes(invoice),
    subtotal: (invoice: Invoice) => money(invoice.subtotal, invoice.currency),
    taxTotal: (invoice: Invoice) => money(invoice.taxTotal, invoice.currency),
    total: (invoice: Invoice) => money(invoice.total, invoice.currency),
    paidAmount: (invoice: Invoice) => money(invoice.paidAmount, invoice.currency),
    outstanding: (invoice: Invoice) => money(outstandingOf(invoice), invoice.currency),
    paymentAttempts: (invoice: Invoice, _args, ctx) => ctx.loaders.invoicePaymentAttempts.load(invoice.id),
  },
};
