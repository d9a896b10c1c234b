import { ChangeDetectionStrategy, Component, type ElementRef, effect, input, type OnDestroy, viewChild } from '@angular/core';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

/** What a chart shows: one series per dataset over the same labels; null where nothing was measured. */
export interface ChartSpec {
  type: 'bar' | 'line';
  title: string;
  yTitle: string;
  labels: string[];
  datasets: Array<{ label: string; data: Array<number | null>; color: string }>;
}

/** A chart.js chart on a canvas, redrawn when its spec changes. */
@Component({
  selector: 'tl-report-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure>
      <figcaption>{{ spec().title }}</figcaption>
      <div class="canvas">
        <canvas #canvas role="img" [attr.aria-label]="summary()"></canvas>
      </div>
    </figure>
  `,
  styles: `
    figure {
      margin: 0;
    }
    figcaption {
      font-size: 0.85rem;
      font-weight: 600;
      margin-bottom: 0.5rem;
    }
    .canvas {
      position: relative;
      height: 14rem;
    }
  `,
})
export class ReportChartComponent implements OnDestroy {
  readonly spec = input.required<ChartSpec>();
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: Chart | null = null;

  constructor() {
    effect(() => this.draw(this.spec()));
  }

  /** For screen readers: what the chart plots. */
  protected summary(): string {
    const spec = this.spec();
    return `${spec.title}: ${spec.datasets.map((d) => d.label).join(', ')} by ${spec.labels.length} groups; the table lists the figures`;
  }

  private draw(spec: ChartSpec): void {
    this.chart?.destroy();
    this.chart = new Chart(this.canvas().nativeElement, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map((d) => ({
          label: d.label,
          data: d.data,
          backgroundColor: d.color,
          borderColor: d.color,
          spanGaps: true,
          tension: 0.25,
          pointRadius: 3,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 12, font: { size: 11 } } } },
        scales: { y: { beginAtZero: true, title: { display: true, text: spec.yTitle } } },
      },
    });
  }

  ngOnDestroy(): void {
    this.chart?.destroy();
  }
}
