import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';

// Only what the dashboards draw: bars, lines and pies with axes, legend and tooltip.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** The ECharts option shapes ChartPanel can draw (bar, line, pie + grid, legend, tooltip). */
export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** What a click on a chart element reports (the subset of ECharts' event params we use). */
export interface ChartClick {
  componentType: string;
  seriesName?: string;
  seriesIndex?: number;
  name: string;
  dataIndex: number;
  value: unknown;
  data: unknown;
}

export interface ChartPanelProps {
  option: ChartOption;
  /** px; the width always follows the container */
  height?: number;
  /** a click on a bar, point or slice */
  onClick?: (e: ChartClick) => void;
  /** accessible description of the chart */
  ariaLabel?: string;
  'data-testid'?: string;
}

/**
 * One ECharts chart that fills its container's width, follows its size (ResizeObserver, so a
 * collapsing side menu or a rotated phone redraws it), replaces its option when the prop changes
 * and is disposed on unmount.
 */
export function ChartPanel({ option, height = 300, onClick, ariaLabel, ...rest }: ChartPanelProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const c = echarts.init(node, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => clickRef.current?.(p as unknown as ChartClick));
    let frame = 0;
    const ro = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (!c.isDisposed()) c.resize();
      });
    });
    ro.observe(node);
    return () => {
      cancelAnimationFrame(frame);
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={el} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} data-testid={rest['data-testid']} />;
}
