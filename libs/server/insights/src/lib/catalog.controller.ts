import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ImportResultView, OrderView, ProductView } from '@throughline/domain';
import { MinRole } from '@throughline/server/auth';
import { ORDER_CSV_COLUMNS, PRODUCT_CSV_COLUMNS } from '@throughline/insights';
import { CatalogService } from './catalog.service';
import { ListProductsQueryDto } from './insights.dto';

const importBody = (columns: readonly string[]) => ({
  description: `CSV with the header \`${columns.join(',')}\`, or a JSON array of rows (camelCase keys)`,
  schema: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'object' } }] },
});

@ApiTags('catalog')
@ApiBearerAuth()
@Controller()
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Post('products/import')
  @HttpCode(200)
  @MinRole('admin')
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody(importBody(PRODUCT_CSV_COLUMNS))
  @ApiOperation({ summary: 'Add or update products by SKU; bad rows are reported by line, the rest imported' })
  importProducts(@Body() body: unknown): Promise<ImportResultView> {
    return this.catalog.importProducts(body);
  }

  @Post('orders/import')
  @HttpCode(200)
  @MinRole('admin')
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody(importBody(ORDER_CSV_COLUMNS))
  @ApiOperation({ summary: 'Add order lines (customers found or created by email); bad rows are reported by line' })
  importOrders(@Body() body: unknown): Promise<ImportResultView> {
    return this.catalog.importOrders(body);
  }

  @Get('products')
  list(@Query() query: ListProductsQueryDto): Promise<ProductView[]> {
    return this.catalog.listProducts(query.q, query.limit);
  }

  @Get('customers/:id/orders')
  @ApiOperation({ summary: "The customer's purchase history, newest first" })
  orders(@Param('id', ParseUUIDPipe) id: string): Promise<OrderView[]> {
    return this.catalog.ordersOf(id);
  }
}
