import { afterNextRender, ChangeDetectionStrategy, Component, computed, DestroyRef, effect, type ElementRef, inject, input, viewChild } from '@angular/core';
import { CategoryScale, Chart, Filler, LinearScale, LineController, LineElement, PointElement } from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Filler);

/** A small line of counts (no axes, no legend), with the numbers said to screen readers. */
@Component({
  selector: 'tl-sparkline',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<canvas #canvas role="img" [attr.aria-label]="label()"></canvas>`,
  styles: `
    :host {
      display: block;
      width: 100%;
      height: 2.25rem;
    }
    canvas {
      width: 100% !important;
      height: 100% !important;
    }
  `,
})
export class SparklineComponent {
  readonly values = input.required<number[]>();
  /** What the values count, for the accessible label. */
  readonly what = input('new conversations per 5 minutes, last hour');
  protected readonly label = computed(() => `${this.what()}: ${this.values().join(', ')}`);
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: Chart | null = null;

  constructor() {
    afterNextRender(() => {
      const context = this.canvas().nativeElement.getContext('2d');
      if (!context) return;
      this.chart = new Chart(context, {
        type: 'line',
        data: {
          labels: this.values().map((_, i) => i),
          datasets: [
            {
              data: this.values(),
              borderColor: '#2563eb',
              backgroundColor: 'rgba(37, 99, 235, 0.12)',
              fill: true,
              borderWidth: 1.5,
              pointRadius: 0,
              tension: 0.3,
            },
          ],
        },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          plugins: { legend: { display: false }, tooltip: { enabled: false } },
          scales: { x: { display: false }, y: { display: false, beginAtZero: true, suggestedMax: 1 } },
        },
      });
    });
    effect(() => {
      const values = this.values();
      if (!this.chart) return;
      this.chart.data.labels = values.map((_, i) => i);
      this.chart.data.datasets[0].data = values;
      this.chart.update('none');
    });
    inject(DestroyRef).onDestroy(() => this.chart?.destroy());
  }
}
