import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        advancedChunks: {
          // react first (highest priority): otherwise it lands in the antd group, and the light
          // public pages (public-entry.tsx), which need react but not antd, would load antd too
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/, priority: 30 },
            // shared by the public pages (dates in Asia/Shanghai) and antd: its own chunk, same reason
            { name: 'dayjs', test: /node_modules[\\/]dayjs[\\/]/, priority: 25 },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 20 },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|rc-|@rc-component)/, priority: 10 },
          ],
        },
      },
    },
  },
});
